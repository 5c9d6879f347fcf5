import { deciderSpec } from '@sportello/decider/testing/decider-spec';
import { FileComplaint } from './complaint.commands';
import { ComplaintEvent, ComplaintFiled } from './complaint.events';
import { complaintDecider } from './complaint.decider';
import { FASTWEB_COMPLAINTS, PSA_COMPLAINTS } from '../testing/complaint-policies.fixture';
import { ComplaintPolicy } from './complaint.policy';

const FASTWEB = FASTWEB_COMPLAINTS;
const PSA = PSA_COMPLAINTS;

const operator = { id: 'op-1', roles: ['operator'] };
const spec = (now: string) => deciderSpec(complaintDecider, { now, actor: operator });

function file(policy: ComplaintPolicy, overrides: Partial<FileComplaint> = {}): FileComplaint {
  return {
    type: 'FileComplaint',
    complaintId: 'c-1',
    trackingCode: 'RC-2026-TEST0001',
    policy,
    customer: {
      subjectId: 's-1',
      customerType: 'residential',
      name: 'Giulia Romano',
      phone: '+39 347 0000000',
    },
    channel: 'registered_letter',
    receivedAt: '2026-03-02T09:00:00+01:00',
    sentAt: null,
    category: 'billing',
    description: 'Importo non dovuto',
    invoice: null,
    outage: null,
    ...overrides,
  } as FileComplaint;
}

/** The events a filing produces, computed by the decider itself, to use as history. */
function history(command: FileComplaint, now: string): ComplaintEvent[] {
  return complaintDecider.decide(command, complaintDecider.initialState(), {
    now,
    actor: operator,
  });
}

const filedEvent = (events: ComplaintEvent[]) =>
  events.find((e) => e.type === 'ComplaintFiled') as ComplaintFiled;

describe('complaints', () => {
  describe('CMP-5, CAL-2 — the 45-day answer term (AS-15, AS-17)', () => {
    it('given a Fastweb letter received 2026-03-02, the answer is due at the end of 2026-04-16 Rome time', () => {
      spec('2026-03-03T10:00:00Z')
        .given([])
        .when(file(FASTWEB))
        .then((events) => {
          expect(events).toHaveLength(1);
          expect(filedEvent(events).data).toMatchObject({
            answerDueAt: '2026-04-16T21:59:59.999Z',
            receivedAt: '2026-03-02T08:00:00.000Z',
            policyVersion: 'FASTWEB@cds-2017',
            answerDue: {
              rule: 'CMP-5',
              clause: 'FW-CDS §4.12',
              termDays: 45,
              dueDate: '2026-04-16',
            },
          });
        });
    });

    it('given a PSA complaint received 2026-01-15, the due date is Sunday 2026-03-01 and is not moved', () => {
      spec('2026-01-16T10:00:00Z')
        .given([])
        .when(file(PSA, { receivedAt: '2026-01-15T11:00:00+01:00' }))
        .then((events) => expect(filedEvent(events).data.answerDue.dueDate).toBe('2026-03-01'));
    });

    it('answered on day 45 is on time; on day 46 it is late', () => {
      const filed = history(file(FASTWEB), '2026-03-03T10:00:00Z');
      const answer = (answeredAt: string) => ({
        type: 'AnswerComplaint' as const,
        outcome: 'upheld' as const,
        answeredAt,
        answerDocument: null,
        measures: ['Storno della voce contestata'],
        refundCents: null,
        paymentDueOn: null,
      });
      spec('2026-05-01T00:00:00Z')
        .given(filed)
        .when(answer('2026-04-16T18:00:00+02:00'))
        .then((events) =>
          expect(events[0]).toMatchObject({ type: 'ComplaintAnswered', data: { late: false } }),
        );
      spec('2026-05-01T00:00:00Z')
        .given(filed)
        .when(answer('2026-04-17T09:00:00+02:00'))
        .then((events) =>
          expect(events[0]).toMatchObject({ type: 'ComplaintAnswered', data: { late: true } }),
        );
    });
  });

  describe('CMP-4 — when a complaint counts as received', () => {
    it('AS-19: a fax sent on Friday 2026-04-03 is received Tuesday 2026-04-07 (Easter Monday skipped), due 2026-05-22', () => {
      spec('2026-04-08T08:00:00Z')
        .given([])
        .when(
          file(FASTWEB, { channel: 'fax', receivedAt: null, sentAt: '2026-04-03T16:00:00+02:00' }),
        )
        .then((events) =>
          expect(filedEvent(events).data).toMatchObject({
            receivedAt: '2026-04-06T22:00:00.000Z',
            answerDue: { dueDate: '2026-05-22' },
          }),
        );
    });

    it('refuses a receipt in the future, naming the field', () => {
      spec('2026-03-01T00:00:00Z')
        .given([])
        .when(file(FASTWEB))
        .thenRefuses({ ruleId: 'CMP-4', details: { field: 'receivedAt' } });
    });

    it('marks at once a complaint filed after its deadline already passed', () => {
      spec('2026-04-21T10:00:00Z')
        .given([])
        .when(file(FASTWEB))
        .then((events) =>
          expect(events.map((e) => e.type)).toEqual([
            'ComplaintFiled',
            'ComplaintAnswerDeadlineMissed',
          ]),
        );
    });
  });

  describe('CMP-6 — the content of the answer (AS-18)', () => {
    const filed = history(file(FASTWEB), '2026-03-03T10:00:00Z');
    const rejection = {
      type: 'AnswerComplaint' as const,
      outcome: 'rejected' as const,
      answeredAt: '2026-04-10T10:00:00+02:00',
      measures: [],
      refundCents: null,
      paymentDueOn: null,
    };

    it('refuses a rejection without a written, reasoned answer', () => {
      spec('2026-04-10T12:00:00Z')
        .given(filed)
        .when({ ...rejection, answerDocument: null })
        .thenRefuses({
          ruleId: 'CMP-6',
          message: 'written reasoned answer required on rejection',
          details: { field: 'answerDocument' },
        });
      spec('2026-04-10T12:00:00Z')
        .given(filed)
        .when({ ...rejection, answerDocument: { reference: 'L-1', reasons: ['  '] } })
        .thenRefuses({ ruleId: 'CMP-6' });
    });

    it('accepts a reasoned rejection letter, dated when it was sent', () => {
      spec('2026-04-10T12:00:00Z')
        .given(filed)
        .when({
          ...rejection,
          answerDocument: { reference: 'L-1', reasons: ['Traffico verificato'] },
        })
        .then((events) =>
          expect(events[0].data).toMatchObject({
            outcome: 'rejected',
            answeredAt: '2026-04-10T08:00:00.000Z',
          }),
        );
    });

    it('refuses an upheld answer without the measures taken', () => {
      spec('2026-04-10T12:00:00Z')
        .given(filed)
        .when({ ...rejection, outcome: 'upheld', answerDocument: null })
        .thenRefuses({ ruleId: 'CMP-6', details: { field: 'measures' } });
    });

    it('closes only after the answer or a withdrawal', () => {
      spec('2026-04-10T12:00:00Z')
        .given(filed)
        .when({ type: 'CloseComplaint' })
        .thenRefuses({ kind: 'conflicting_state' });
      spec('2026-04-10T12:00:00Z')
        .given([
          ...filed,
          {
            type: 'ComplaintWithdrawn',
            data: { complaintId: 'c-1', subjectId: 's-1', reason: 'risolto' },
          },
        ])
        .when({ type: 'CloseComplaint' })
        .then([{ type: 'ComplaintClosed', data: { complaintId: 'c-1' } }]);
    });
  });

  describe('CMP-7, AMB-3 — PSA complexity notice (AS-20)', () => {
    const filed = history(
      file(PSA, { receivedAt: '2026-05-04T10:00:00+02:00' }),
      '2026-05-05T00:00:00Z',
    );
    const notice = (noticedAt: string) => ({
      type: 'SendComplexityNotice' as const,
      policy: PSA,
      noticedAt,
      answerDate: '2026-07-15',
      progress: 'Verifiche in corso',
    });

    it('recorded in time, the communicated date becomes the deadline', () => {
      expect(filedEvent(filed).data.answerDue.dueDate).toBe('2026-06-18');
      spec('2026-06-10T12:00:00Z')
        .given(filed)
        .when(notice('2026-06-10T10:00:00+02:00'))
        .then((events) =>
          expect(events[0].data).toMatchObject({ answerDueAt: '2026-07-15T21:59:59.999Z' }),
        );
    });

    it('recorded after the term, it extends nothing', () => {
      spec('2026-06-19T12:00:00Z')
        .given(filed)
        .when(notice('2026-06-19T10:00:00+02:00'))
        .thenRefuses({ ruleId: 'CMP-7', details: { field: 'noticedAt' } });
    });

    it('is refused for an operator whose policy has no such extension', () => {
      const fw = history(file(FASTWEB), '2026-03-03T10:00:00Z');
      spec('2026-03-10T12:00:00Z')
        .given(fw)
        .when({ ...notice('2026-03-10T10:00:00+01:00'), policy: FASTWEB })
        .thenRefuses({ ruleId: 'CMP-7' });
    });
  });

  describe('CMP-8, AMB-4, BIL-10, CMP-11 — PSA billing window, suspension and refund (AS-21, AS-24)', () => {
    const invoice = {
      number: 'F-2026-05',
      issueDate: '2026-05-04',
      dueDate: '2026-05-19',
      deliveredOn: null,
      amountCents: 8_000,
      disputedCents: 8_000,
    };

    it('on day 15 the complaint is in the window and suspends the late-payment penalty', () => {
      spec('2026-05-19T12:00:00Z')
        .given([])
        .when(file(PSA, { receivedAt: '2026-05-19T10:00:00+02:00', invoice }))
        .then((events) => {
          expect(filedEvent(events).data.billing).toEqual({
            windowEndsOn: '2026-05-19',
            inWindow: true,
            suspendsLatePayment: true,
          });
          expect(events[1]).toMatchObject({
            type: 'LatePaymentPenaltySuspended',
            data: { originalDueDate: '2026-05-19' },
          });
        });
    });

    it('on day 16 it is registered out of the window, with no suspension', () => {
      spec('2026-05-20T12:00:00Z')
        .given([])
        .when(file(PSA, { receivedAt: '2026-05-20T10:00:00+02:00', invoice }))
        .then((events) => {
          expect(events.map((e) => e.type)).toEqual(['ComplaintFiled']);
          expect(filedEvent(events).data).toMatchObject({
            billing: { inWindow: false, suspendsLatePayment: false },
            answerDue: { dueDate: '2026-07-04' },
          });
        });
    });

    it('with proven late delivery the window runs from the delivery date', () => {
      spec('2026-05-20T12:00:00Z')
        .given([])
        .when(
          file(PSA, {
            receivedAt: '2026-05-20T10:00:00+02:00',
            invoice: { ...invoice, deliveredOn: '2026-05-12' },
          }),
        )
        .then((events) =>
          expect(filedEvent(events).data.billing).toMatchObject({
            windowEndsOn: '2026-05-27',
            inWindow: true,
          }),
        );
    });

    it('AMB-5: a Fastweb billing complaint is never out of a window', () => {
      spec('2026-09-03T12:00:00Z')
        .given([])
        .when(
          file(FASTWEB, {
            receivedAt: '2026-09-03T10:00:00+02:00',
            invoice: { ...invoice, issueDate: '2026-01-01', dueDate: '2026-01-20' },
          }),
        )
        .then((events) =>
          expect(filedEvent(events).data.billing).toEqual({
            windowEndsOn: null,
            inWindow: true,
            suspendsLatePayment: false,
          }),
        );
    });

    it('rejected: the penalty is reinstated from the original due date; upheld: the refund is scheduled', () => {
      const filed = history(
        file(PSA, {
          receivedAt: '2026-07-08T10:00:00+02:00',
          invoice: { ...invoice, issueDate: '2026-07-01', dueDate: '2026-07-16' },
        }),
        '2026-07-08T12:00:00Z',
      );
      const outcome = {
        type: 'AnswerComplaint' as const,
        answeredAt: '2026-08-10T10:00:00+02:00',
        measures: [],
        refundCents: null,
        paymentDueOn: null,
      };
      spec('2026-08-10T12:00:00Z')
        .given(filed)
        .when({
          ...outcome,
          outcome: 'rejected',
          answerDocument: { reference: 'L-9', reasons: ['Addebiti corretti'] },
          paymentDueOn: '2026-08-25',
        })
        .then((events) =>
          expect(events[1]).toEqual({
            type: 'LatePaymentPenaltyReinstated',
            data: {
              complaintId: 'c-1',
              invoiceNumber: 'F-2026-05',
              disputedCents: 8_000,
              countedFrom: '2026-07-16',
              payBy: '2026-08-25',
            },
          }),
        );
      spec('2026-08-10T12:00:00Z')
        .given(filed)
        .when({
          ...outcome,
          outcome: 'upheld',
          answerDocument: null,
          measures: ['Storno'],
          refundCents: 8_000,
        })
        .then((events) =>
          expect(events.map((e) => e.type)).toEqual(['ComplaintAnswered', 'RefundScheduled']),
        );
    });

    it('BIL-10: withdrawing a suspending billing complaint ends the suspension from the original due date', () => {
      const filed = history(
        file(PSA, {
          receivedAt: '2026-07-08T10:00:00+02:00',
          invoice: { ...invoice, issueDate: '2026-07-01', dueDate: '2026-07-16' },
        }),
        '2026-07-08T12:00:00Z',
      );
      spec('2026-07-20T12:00:00Z')
        .given(filed)
        .when({ type: 'WithdrawComplaint', reason: 'Pagato' })
        .then((events) => {
          expect(events.map((e) => e.type)).toEqual([
            'ComplaintWithdrawn',
            'LatePaymentPenaltyReinstated',
          ]);
          expect(events[1].data).toMatchObject({ countedFrom: '2026-07-16', payBy: null });
        });
    });

    it('refuses invoice amounts that do not add up', () => {
      spec('2026-05-19T12:00:00Z')
        .given([])
        .when(
          file(PSA, {
            receivedAt: '2026-05-19T10:00:00+02:00',
            invoice: { ...invoice, disputedCents: 9_000 },
          }),
        )
        .thenRefuses({ ruleId: 'CMP-8', details: { field: 'invoice.disputedCents' } });
    });
  });

  describe('CMP-9 — PSA complaints about a widespread outage', () => {
    const complete = {
      holderName: 'Giulia Romano',
      phoneNumber: '+39 347 0000000',
      disruptionType: 'no mobile data',
      startedOn: '2026-05-02',
      place: { municipality: 'Torino', street: 'Via Roma 1', postcode: '10121' },
      outageEndedOn: '2026-05-05',
    };

    it('with the five fields, by registered letter within 15 days of the end: registered, nothing asked', () => {
      spec('2026-05-20T12:00:00Z')
        .given([])
        .when(file(PSA, { receivedAt: '2026-05-20T10:00:00+02:00', outage: complete }))
        .then((events) => {
          expect(events.map((e) => e.type)).toEqual(['ComplaintFiled']);
          expect(filedEvent(events).data.outageAssessment).toEqual({
            rule: 'CMP-9',
            missingFields: [],
            windowEndsOn: '2026-05-20',
            inWindow: true,
            registeredLetter: true,
            clause: 'PSA-CDS §10 (CMP-9)',
          });
        });
    });

    it('missing fields: still registered, and the customer is asked to complete them', () => {
      spec('2026-05-21T12:00:00Z')
        .given([])
        .when(
          file(PSA, {
            channel: 'email',
            receivedAt: '2026-05-21T10:00:00+02:00',
            outage: { ...complete, holderName: null, place: { ...complete.place, street: ' ' } },
          }),
        )
        .then((events) => {
          expect(filedEvent(events).data.outageAssessment).toMatchObject({
            inWindow: false,
            registeredLetter: false,
            missingFields: ['outage.holderName', 'outage.place.street'],
          });
          expect(events[1]).toEqual({
            type: 'ComplaintCompletionRequested',
            data: {
              complaintId: 'c-1',
              subjectId: 's-1',
              rule: 'CMP-9',
              missingFields: ['outage.holderName', 'outage.place.street'],
            },
          });
        });
    });

    it('the missing fields completed later are merged into what was filed', () => {
      const filing = file(PSA, {
        receivedAt: '2026-05-20T10:00:00+02:00',
        outage: { ...complete, holderName: null, place: null },
      });
      spec('2026-05-22T12:00:00Z')
        .given(history(filing, '2026-05-20T12:00:00Z'))
        .when({
          type: 'CompleteOutageDetails',
          outage: {
            holderName: 'Giulia Romano',
            phoneNumber: null,
            disruptionType: null,
            startedOn: null,
            place: { municipality: 'Torino', street: 'Via Roma 1', postcode: '10121' },
            outageEndedOn: null,
          },
        })
        .then((events) =>
          expect(events).toEqual([
            {
              type: 'OutageDetailsCompleted',
              data: { complaintId: 'c-1', subjectId: 's-1', outage: complete, missingFields: [] },
            },
          ]),
        );
    });

    it('refuses a disruption starting after the complaint, and a completion nothing asked for', () => {
      spec('2026-05-20T12:00:00Z')
        .given([])
        .when(
          file(PSA, {
            receivedAt: '2026-05-20T10:00:00+02:00',
            outage: { ...complete, startedOn: '2026-05-21', outageEndedOn: null },
          }),
        )
        .thenRefuses({ ruleId: 'CMP-9', details: { field: 'outage.startedOn' } });
      spec('2026-05-22T12:00:00Z')
        .given(
          history(
            file(PSA, { receivedAt: '2026-05-20T10:00:00+02:00', outage: complete }),
            '2026-05-20T12:00:00Z',
          ),
        )
        .when({ type: 'CompleteOutageDetails', outage: complete })
        .thenRefuses({ name: 'ConflictingState' });
    });

    it('a Fastweb complaint about an outage is recorded without the PSA checks', () => {
      spec('2026-05-20T12:00:00Z')
        .given([])
        .when(
          file(FASTWEB, {
            receivedAt: '2026-05-20T10:00:00+02:00',
            outage: { ...complete, holderName: null },
          }),
        )
        .then((events) => {
          expect(events.map((e) => e.type)).toEqual(['ComplaintFiled']);
          expect(filedEvent(events).data.outageAssessment).toBeNull();
        });
    });
  });

  describe('CMP-5 — the answer deadline timer', () => {
    const filed = history(file(FASTWEB), '2026-03-03T10:00:00Z');
    const missed = {
      type: 'RecordAnswerDeadlineMissed' as const,
      answerDueAt: '2026-04-16T21:59:59.999Z',
    };

    it('records the miss once, only after the deadline and only if still unanswered', () => {
      spec('2026-04-16T21:00:00Z').given(filed).when(missed).then([]);
      spec('2026-04-17T00:00:00Z')
        .given(filed)
        .when(missed)
        .then([
          {
            type: 'ComplaintAnswerDeadlineMissed',
            data: { complaintId: 'c-1', answerDueAt: '2026-04-16T21:59:59.999Z' },
          },
        ]);
      spec('2026-04-17T00:00:00Z')
        .given([
          ...filed,
          {
            type: 'ComplaintAnswerDeadlineMissed',
            data: { complaintId: 'c-1', answerDueAt: '2026-04-16T21:59:59.999Z' },
          },
        ])
        .when(missed)
        .then([]);
      spec('2026-04-17T00:00:00Z').given([]).when(missed).then([]);
    });

    it('ignores a timer for a deadline that has moved', () => {
      spec('2026-04-17T00:00:00Z')
        .given(filed)
        .when({ ...missed, answerDueAt: '2026-04-10T21:59:59.999Z' })
        .then([]);
    });
  });
});
