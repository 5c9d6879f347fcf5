import { Command } from 'commander';
import { tokenCommand, TokenRefused } from './token.command';

const program = new Command('sportello')
  .description('Sportello command-line tools')
  .addCommand(tokenCommand());

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof TokenRefused) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
});
