import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { SubjectExport } from './subject-export';

const STANDARD_FONTS = [
  'Helvetica',
  'Helvetica-Bold',
  'Helvetica-Oblique',
  'Helvetica-BoldOblique',
];

// No URL is ever fetched and no file read: the PDF uses the built-in standard fonts only.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => STANDARD_FONTS.includes(path));
pdfmake.setFonts({
  Helvetica: {
    normal: 'Helvetica',
    bold: 'Helvetica-Bold',
    italics: 'Helvetica-Oblique',
    bolditalics: 'Helvetica-BoldOblique',
  },
});

function text(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function table(header: string[], rows: unknown[][], widths?: (string | number)[]): Content {
  return {
    table: {
      headerRows: 1,
      widths: widths ?? header.map(() => '*'),
      body: [
        header.map((h) => ({ text: h, bold: true })),
        ...(rows.length ? rows.map((r) => r.map(text)) : [header.map((_, i) => (i ? '' : 'none'))]),
      ],
    },
    layout: 'lightHorizontalLines',
    fontSize: 8,
    margin: [0, 2, 0, 10],
  };
}

const heading = (title: string): Content => ({ text: title, style: 'heading' });

/** The human-readable form of an export (issue 8): the same content as the JSON document. */
export function exportDocumentDefinition(doc: SubjectExport): TDocumentDefinitions {
  const content: Content[] = [
    { text: 'Personal data held about a data subject', style: 'title' },
    {
      text: [
        `Subject ${doc.subjectId} · ${doc.status === 'erased' ? 'ERASED' : 'active'} · generated ${doc.generatedAt}`,
        doc.exportId ? ` · export ${doc.exportId}` : '',
      ].join(''),
      fontSize: 9,
      margin: [0, 0, 0, 10],
    },
  ];
  if (doc.erasure)
    content.push(
      heading('Erasure'),
      table(
        ['Request', 'Erased at', 'By', 'Trigger', 'Notes'],
        [
          [
            doc.erasure.requestId,
            doc.erasure.erasedAt,
            doc.erasure.erasedBy,
            doc.erasure.trigger,
            doc.erasure.notes.join('; '),
          ],
        ],
      ),
    );
  content.push(
    heading('Controllers (PRV-8, PRV-11)'),
    table(
      ['Operator', 'Controller', 'Privacy contacts'],
      doc.controllers.map((c) => [c.operator, c.name, c.privacyContacts.join('; ') || c.source]),
    ),
    heading('Purposes (PRV-3, PRV-9)'),
    table(
      ['Operator', 'Purpose', 'Rules'],
      doc.purposes.map((p) => [p.operator, p.purpose, p.ruleIds.join(', ')]),
    ),
    heading('Recipients (PRV-1)'),
    { ul: doc.recipients.categories, fontSize: 8, margin: [0, 2, 0, 6] },
    table(
      ['Role', 'Accesses', 'Events recorded', 'First', 'Last'],
      doc.recipients.roles.map((r) => [r.role, r.accesses, r.recordedEvents, r.firstAt, r.lastAt]),
    ),
    heading('Retention and legal holds (PRV-6, PRV-10)'),
    table(
      ['Operator', 'Ticket history (days)', 'Note'],
      doc.retention.ticketHistory.map((r) => [r.operator, r.days ?? 'not set', r.note]),
    ),
    table(
      ['Legal hold', 'Reason', 'Until'],
      doc.retention.legalHolds.map((h) => [h.holdId, h.reason, h.until ?? 'while it applies']),
    ),
    heading('Personal data'),
    table(
      ['Category', 'Value', 'Where', 'Recorded'],
      doc.personalData.map((p) => [
        p.category,
        p.value,
        `${p.stream} · ${p.eventType} · ${p.path}`,
        p.recordedAt,
      ]),
      [55, '*', '*', 90],
    ),
    heading('Tickets and their events'),
  );
  for (const stream of doc.streams)
    content.push(
      {
        text: `${stream.stream} (${stream.kind ?? 'unclassified'}, ${stream.operator ?? '—'}) opened ${stream.openedAt ?? '—'}, closed ${stream.closedAt ?? '—'}; collected via ${stream.origin.channel ?? '—'} by ${stream.origin.collectedBy ?? '—'}`,
        fontSize: 9,
        bold: true,
        margin: [0, 4, 0, 2],
      },
      table(
        ['#', 'Event', 'Occurred', 'By', 'Data'],
        stream.events.map((e) => [
          e.revision,
          e.type,
          e.occurredAt,
          `${e.actor.role} ${e.actor.id}`,
          e.data,
        ]),
        [15, 90, 85, 70, '*'],
      ),
    );
  content.push(
    heading('Read models'),
    table(
      ['Table', 'Rows'],
      doc.readModels.map((m) => [m.table, m.rows]),
    ),
    heading('Accesses to the data'),
    table(
      ['At', 'Who', 'Role', 'Request'],
      doc.accessLog.map((a) => [a.at, a.actorId, a.role, `${a.method} ${a.route}`]),
    ),
    heading('Privacy requests'),
    table(
      ['Kind', 'Id', 'Received', 'Due', 'Status'],
      [
        ...doc.privacyRequests.erasureRequests.map((r) => [
          'erasure',
          r.requestId,
          r.receivedAt,
          r.dueOn,
          r.status,
        ]),
        ...doc.privacyRequests.exports.map((e) => [
          'export',
          e.exportId,
          e.receivedAt,
          e.dueOn,
          `${e.deliveries.length} deliveries`,
        ]),
        ...doc.privacyRequests.rectifications.map((r) => [
          'rectification',
          r.rectificationId,
          r.at,
          '',
          `${r.field}: ${r.value}`,
        ]),
      ],
    ),
  );
  return {
    info: { title: `Data subject export ${doc.exportId ?? doc.subjectId}`, producer: 'Sportello' },
    defaultStyle: { font: 'Helvetica', fontSize: 9 },
    styles: {
      title: { fontSize: 15, bold: true, margin: [0, 0, 0, 4] },
      heading: { fontSize: 11, bold: true, margin: [0, 8, 0, 2] },
    },
    pageSize: 'A4',
    pageOrientation: 'landscape',
    content,
  };
}

export function renderExportPdf(doc: SubjectExport): Promise<Buffer> {
  return pdfmake.createPdf(exportDocumentDefinition(doc)).getBuffer();
}
