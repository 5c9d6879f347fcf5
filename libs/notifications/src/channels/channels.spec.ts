import { LoggingSmsChannel } from './logging-channels';
import { ChannelError } from './notification-channel';
import { smtpFailure } from './smtp-email.channel';

describe('channels', () => {
  it('NTF-13: the SMS channel logs the notice id, template and size, never the number or the text', async () => {
    const lines: string[] = [];
    const channel = new LoggingSmsChannel({ log: (line) => lines.push(line) });
    await channel.send({
      notificationId: 'n-1',
      template: 'billing-incident.notice',
      to: '+39 333 1234567',
      subject: '',
      text: 'Gentile Maria Esposito, testo riservato',
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('n-1');
    expect(lines[0]).toContain('billing-incident.notice');
    expect(lines[0]).toContain('39 characters');
    expect(lines[0]).not.toMatch(/333|Maria|riservato/);
  });

  it('SMTP failures become reason codes: 5xx permanent, 4xx and connection failures transient', () => {
    const recipient = 'maria.esposito@example.it';
    const cases: [object, string, string][] = [
      [{ responseCode: 550, message: `550 ${recipient} unknown` }, 'smtp_550', 'permanent'],
      [{ responseCode: 451, message: `451 try later ${recipient}` }, 'smtp_451', 'transient'],
      [{ code: 'ECONNECTION', message: 'connect ECONNREFUSED' }, 'smtp_connection', 'transient'],
      [
        { code: 'EENVELOPE', message: `No recipients defined ${recipient}` },
        'smtp_envelope',
        'permanent',
      ],
      [new Error(`weird ${recipient}`), 'smtp_failed', 'transient'],
    ];
    for (const [error, reason, kind] of cases) {
      const failure = smtpFailure(error);
      expect(failure).toBeInstanceOf(ChannelError);
      expect({ reason: failure.reason, kind: failure.kind }).toEqual({ reason, kind });
      expect(failure.message).not.toContain(recipient);
    }
  });
});
