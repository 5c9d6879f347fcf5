import { Controller, Get, Header, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { PublicEndpoint } from '../auth/access.decorators';
import { OpenApiDocumentHolder } from './openapi-document';

export const DOCS_ASSETS_PREFIX = '/docs/';

const PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Sportello API</title>
  <link rel="stylesheet" href="/docs/swagger-ui.css">
  <link rel="icon" type="image/png" href="/docs/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/swagger-ui-standalone-preset.js"></script>
  <script src="/docs/swagger-ui-init.js"></script>
</body>
</html>
`;

// A separate script file rather than inline code, so the Content-Security-Policy stays strict.
const INIT = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: '/docs-json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    showExtensions: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
  });
};
`;

/** Swagger UI and the OpenAPI document; the UI's static files come from swagger-ui-dist. */
@ApiTags('documentation')
@SkipThrottle()
@Controller()
export class DocsController {
  constructor(private readonly holder: OpenApiDocumentHolder) {}

  @Get('docs')
  @PublicEndpoint('The API documentation describes the API, not its data')
  @ApiOperation({ summary: 'Swagger UI' })
  @ApiOkResponse({
    content: { 'text/html': { schema: { type: 'string' }, example: '<!DOCTYPE html>…' } },
  })
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(): string {
    return PAGE;
  }

  @Get('docs/swagger-ui-init.js')
  @PublicEndpoint('Part of the Swagger UI page')
  @ApiOperation({ summary: 'Swagger UI start-up script' })
  @ApiOkResponse({
    content: {
      'application/javascript': { schema: { type: 'string' }, example: 'window.onload = …' },
    },
  })
  @Header('Content-Type', 'application/javascript; charset=utf-8')
  init(): string {
    return INIT;
  }

  @Get('docs-json')
  @PublicEndpoint('The OpenAPI document describes the API, not its data')
  @ApiOperation({ summary: 'The OpenAPI 3 document of this API' })
  @ApiOkResponse({
    description: 'OpenAPI 3.0 document',
    content: {
      'application/json': {
        schema: { type: 'object', additionalProperties: true },
        example: { openapi: '3.0.0', info: { title: 'Sportello API', version: '0.1.0' } },
      },
    },
  })
  document(): object {
    if (!this.holder.document) throw new ServiceUnavailableException();
    return this.holder.document;
  }
}
