import { InMemoryKeyVault, PersonalDataSealer } from '@sportello/eventstore';
import { maskSealed, sealedSubjects } from './masking';

const schema = {
  type: 'Filed',
  version: 1,
  personal: [
    { subject: 'customer.subjectId', fields: ['customer.name', 'note'] },
    { each: 'involved', subject: 'subjectId', fields: ['phone'] },
  ],
};

describe('PRV-1 / PRV-13 — what an auditor sees of sealed personal fields', () => {
  it('masks each sealed field without opening it, and shows erased subjects as erased', async () => {
    const sealer = new PersonalDataSealer(new InMemoryKeyVault());
    const { data } = await sealer.seal('0197a3c4-6000-7000-8000-1a2b3c4d5e6f', schema, {
      customer: { subjectId: 's-1', name: 'Maria Esposito', type: 'residential' },
      note: 'chiamare dopo le 18',
      involved: [{ subjectId: 's-2', phone: '+39 333 1234567' }],
    });
    expect([...sealedSubjects(data)].sort()).toEqual(['s-1', 's-2']);
    const shown = maskSealed(data, new Set(['s-2']));
    expect(shown).toEqual({
      data: {
        customer: { subjectId: 's-1', name: '[masked]', type: 'residential' },
        note: '[masked]',
        involved: [{ subjectId: 's-2', phone: '[erased]' }],
      },
      masked: ['customer.name', 'note'],
      erased: ['involved.0.phone'],
    });
    expect(JSON.stringify(shown)).not.toContain('Maria');
  });
});
