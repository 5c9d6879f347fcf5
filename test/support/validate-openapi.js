/**
 * Validates an OpenAPI document read from stdin with @apidevtools/swagger-parser. It runs as a
 * child process because the parser's dependencies are ES modules, which Jest on Node 20 cannot
 * require; plain Node can.
 */
const SwaggerParser = require('@apidevtools/swagger-parser');

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', () => {
  SwaggerParser.validate(JSON.parse(input)).then(
    () => process.stdout.write('valid\n'),
    (error) => {
      process.stdout.write(`invalid: ${error.message}\n`);
      process.exitCode = 1;
    },
  );
});
