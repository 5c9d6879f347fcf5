/** A real SMTP server (smtp-server) on a random local port, collecting what it receives. */
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  messageId: string;
  notificationId: string;
  raw: string;
}

export class SmtpTestServer {
  readonly messages: ReceivedMail[] = [];
  private failures: number[] = [];
  private waiters: { count: number; resolve: () => void }[] = [];

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  static async start(): Promise<SmtpTestServer> {
    let instance: SmtpTestServer | null = null;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => instance!.receive(Buffer.concat(chunks), session, callback));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    instance = new SmtpTestServer(server, (server.server.address() as AddressInfo).port);
    return instance;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** The next `count` messages are refused at DATA with `code` (451: try later; 550: never). */
  failNext(count: number, code = 451): void {
    for (let i = 0; i < count; i++) this.failures.push(code);
  }

  /** Resolves once `count` messages in all have arrived. */
  async waitFor(count: number, timeoutMs = 10_000): Promise<ReceivedMail[]> {
    if (this.messages.length < count) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`Only ${this.messages.length} of ${count} e-mails arrived`)),
          timeoutMs,
        );
        this.waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
      });
    }
    return this.messages;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private receive(
    raw: Buffer,
    session: { envelope: { mailFrom: false | { address: string }; rcptTo: { address: string }[] } },
    callback: (error?: Error | null) => void,
  ): void {
    const code = this.failures.shift();
    if (code !== undefined) {
      const error = Object.assign(new Error(code >= 500 ? 'Rejected' : 'Try again later'), {
        responseCode: code,
      });
      return callback(error);
    }
    this.messages.push(parse(raw.toString('utf8'), session.envelope));
    for (const waiter of this.waiters.filter((w) => this.messages.length >= w.count)) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    callback();
  }
}

function parse(
  raw: string,
  envelope: { mailFrom: false | { address: string }; rcptTo: { address: string }[] },
): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) =>
    new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : body;
  return {
    from: envelope.mailFrom ? envelope.mailFrom.address : '',
    to: envelope.rcptTo.map((r) => r.address),
    subject: decodeWords(header('Subject')),
    text: text.replace(/\r\n/g, '\n').trim(),
    messageId: header('Message-ID'),
    notificationId: header('X-Sportello-Notification'),
    raw,
  };
}

function decodeQuotedPrintable(body: string): string {
  const joined = body.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(joined[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_m, kind: string, data: string) =>
    kind.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : decodeQuotedPrintable(data.replace(/_/g, ' ')),
  );
}
