import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PublicEndpoint } from '@sportello/platform';
import { DASHBOARD_CSS, DASHBOARD_HTML, DASHBOARD_JS } from '../dashboard/dashboard-assets';

const STATIC = 'A static page with no data: the figures it draws need a supervisor token';

/** The supervisors' dashboard page and its assets (the data comes from the token-protected API). */
@ApiTags('quality')
@Controller('dashboard')
export class DashboardPageHttpController {
  @Get()
  @PublicEndpoint(STATIC)
  @ApiOperation({ summary: "The supervisors' dashboard page" })
  @ApiOkResponse({
    content: { 'text/html': { schema: { type: 'string' }, example: '<!DOCTYPE html>…' } },
  })
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  page(): string {
    return DASHBOARD_HTML;
  }

  @Get('dashboard.js')
  @PublicEndpoint(STATIC)
  @ApiOperation({ summary: "The dashboard's script" })
  @ApiOkResponse({
    content: {
      'application/javascript': { schema: { type: 'string' }, example: "'use strict'; …" },
    },
  })
  @Header('Content-Type', 'application/javascript; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  script(): string {
    return DASHBOARD_JS;
  }

  @Get('dashboard.css')
  @PublicEndpoint(STATIC)
  @ApiOperation({ summary: "The dashboard's style" })
  @ApiOkResponse({
    content: { 'text/css': { schema: { type: 'string' }, example: ':root { … }' } },
  })
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  style(): string {
    return DASHBOARD_CSS;
  }
}
