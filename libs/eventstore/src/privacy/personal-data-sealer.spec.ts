import { InMemoryKeyVault } from './in-memory-key-vault';
import {
  ERASED,
  isSealedValue,
  PersonalDataError,
  PersonalDataSealer,
} from './personal-data-sealer';

const schema = {
  type: 'AssistanceOpened',
  version: 1,
  personal: [
    { subject: 'caller.subjectId', fields: ['caller.name', 'caller.email'] },
    { each: 'involved', subject: 'subjectId', fields: ['name', 'role'] },
  ],
};
const eventId = '01a20386-0000-7000-8000-0000000000aa';
const data = {
  caller: { subjectId: 'sub-caller', name: 'Luca Bianchi', email: 'luca@example.it' },
  involved: [
    { subjectId: 'sub-a', name: 'Anna Verdi', role: 'figlia' },
    { subjectId: 'sub-b', name: 'Piero Neri', role: null },
  ],
  service: 'web-area',
};

describe('PersonalDataSealer', () => {
  it('seals each declared field under its own subject key and opens them back', async () => {
    const vault = new InMemoryKeyVault();
    const sealer = new PersonalDataSealer(vault);
    const sealed = await sealer.seal(eventId, schema, data);
    expect(sealed.subjectIds.sort()).toEqual(['sub-a', 'sub-b', 'sub-caller']);
    const stored = sealed.data as typeof data;
    expect(isSealedValue(stored.caller.name)).toBe(true);
    expect(stored.involved[1].role).toBeNull();
    expect(JSON.stringify(stored)).not.toMatch(/Luca|Bianchi|example\.it|Anna|Verdi|Piero|figlia/);
    expect(stored.service).toBe('web-area');
    expect(await sealer.open(eventId, sealed.data)).toEqual({ data, masked: [] });
  });

  it('masks only the erased subject, leaving the others readable', async () => {
    const vault = new InMemoryKeyVault();
    const sealer = new PersonalDataSealer(vault);
    const sealed = await sealer.seal(eventId, schema, data);
    await vault.destroy('sub-a');
    const opened = await sealer.open(eventId, sealed.data);
    expect(opened.masked).toEqual(['involved.0.name', 'involved.0.role']);
    expect((opened.data as typeof data).involved[0]).toEqual({
      subjectId: 'sub-a',
      name: ERASED,
      role: ERASED,
    });
    expect((opened.data as typeof data).caller.name).toBe('Luca Bianchi');
  });

  it('binds a ciphertext to its event and field: moved elsewhere it does not open', async () => {
    const sealer = new PersonalDataSealer(new InMemoryKeyVault());
    const sealed = (await sealer.seal(eventId, schema, data)).data as typeof data;
    const swapped = { ...sealed, caller: { ...sealed.caller, name: sealed.caller.email } };
    await expect(sealer.open(eventId, swapped)).rejects.toThrow();
    await expect(sealer.open('01a20386-0000-7000-8000-0000000000bb', sealed)).rejects.toThrow();
  });

  it('refuses personal data with no subject to seal it for', async () => {
    const sealer = new PersonalDataSealer(new InMemoryKeyVault());
    await expect(
      sealer.seal(eventId, schema, { caller: { name: 'Senza Soggetto' } }),
    ).rejects.toThrow(PersonalDataError);
  });
});
