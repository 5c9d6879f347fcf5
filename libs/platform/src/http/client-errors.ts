import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { v7 as uuidv7 } from 'uuid';
import {
  PROBLEM_CONTENT_TYPE,
  PROBLEM_TYPES,
  ProblemSlug,
  problemTypeUri,
} from '../errors/problem';

/** What Node's HTTP parser refuses before Express sees the request, as Node itself answers it. */
function refusalOf(code: string | undefined): { slug: ProblemSlug; detail: string } {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return { slug: 'headers-too-large', detail: 'The request line or headers are too large' };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { slug: 'payload-too-large', detail: 'The request body is too large' };
    default:
      return { slug: 'malformed-request', detail: 'The request could not be read' };
  }
}

/**
 * A request Node's parser refuses (a request line or headers over the size limit, broken HTTP)
 * never reaches Express and would be answered with a bare status line: it gets a problem too,
 * like every other refusal. The path is unknown there, so the instance is `/`.
 */
export function answerClientErrorsWithProblems(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const { slug, detail } = refusalOf(error.code);
    const { status, title } = PROBLEM_TYPES[slug];
    const requestId = uuidv7();
    const body = JSON.stringify({
      type: problemTypeUri(slug),
      title,
      status,
      detail,
      instance: '/',
      requestId,
    });
    socket.end(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
