import { applyRectifications, OTHER_SUBJECT, sealedPaths, subjectView } from './personal-fields';

const sealed = (subject: string) => ({ $sealed: 1, subject, iv: 'x', tag: 'y', ct: 'z' });

describe('personal fields in an export (issue 8, PRV-9)', () => {
  const stored = {
    complaintId: 'c-1',
    customer: { subjectId: 'maria', name: sealed('maria'), phone: sealed('maria') },
    involved: [{ subjectId: 'luca', name: sealed('luca') }],
    description: sealed('maria'),
  };
  const opened = {
    complaintId: 'c-1',
    customer: { subjectId: 'maria', name: 'Maria Esposito', phone: '+39 333 1234567' },
    involved: [{ subjectId: 'luca', name: 'Luca Bianchi' }],
    description: 'Chiama Luca',
  };

  it('finds every sealed value and whose it is, without the schema', () => {
    expect(sealedPaths(stored)).toEqual([
      { path: 'customer.name', subjectId: 'maria' },
      { path: 'customer.phone', subjectId: 'maria' },
      { path: 'involved.0.name', subjectId: 'luca' },
      { path: 'description', subjectId: 'maria' },
    ]);
  });

  it('shows the subject everything of theirs and nothing of anyone else', () => {
    const view = subjectView(stored, opened, 'maria');
    expect(view.personal.map((p) => [p.category, p.value])).toEqual([
      ['name', 'Maria Esposito'],
      ['phone', '+39 333 1234567'],
      ['text', 'Chiama Luca'],
    ]);
    expect(view.data).toEqual({
      ...opened,
      involved: [{ subjectId: OTHER_SUBJECT, name: OTHER_SUBJECT }],
    });
    expect(JSON.stringify(subjectView(stored, opened, 'luca').data)).not.toMatch(/Maria|333/);
  });

  it('issue 8: a corrected value replaces the old one in any spelling, in texts too, in order, and twice is once', () => {
    const corrections = [
      { value: '+39 333 7654321', replaces: ['+39 333 1234567'], kind: 'phone' as const },
      { value: '+39 347 0000000', replaces: ['+39 333 7654321'], kind: 'phone' as const },
      { value: 'Maria Esposito Rossi', replaces: ['Maria Esposito'] },
    ];
    const shown = applyRectifications(
      {
        a: '+39 333 1234567',
        b: ['3331234567'],
        c: { name: 'Maria Esposito' },
        d: 7,
        e: 'Chiamare Maria Esposito al 333 123 4567 o al 06 1234 5678',
      },
      corrections,
    );
    expect(shown).toEqual({
      a: '+39 347 0000000',
      b: ['+39 347 0000000'],
      c: { name: 'Maria Esposito Rossi' },
      d: 7,
      e: 'Chiamare Maria Esposito al +39 347 0000000 o al 06 1234 5678',
    });
    expect(applyRectifications(shown, corrections)).toEqual(shown);
  });
});
