import { AuditCatalog, FoldingDecider } from './audit-catalog';

const decider = (name: string): FoldingDecider => ({
  initialState: () => name,
  evolve: (state) => state,
});

describe('the audit catalog', () => {
  it('finds a stream’s kind by its longest registered prefix', () => {
    const catalog = new AuditCatalog().register({
      streams: [
        { kind: 'billing-account', streamPrefix: 'billing-account-', decider: decider('a') },
        { kind: 'billing', streamPrefix: 'billing-', decider: decider('b') },
      ],
    });
    expect(catalog.kindOf('billing-account-1')?.kind).toBe('billing-account');
    expect(catalog.kindOf('billing-incident-1')?.kind).toBe('billing');
    expect(catalog.kindOf('billing-')).toBeNull();
    expect(catalog.kindOf('complaint-1')).toBeNull();
  });

  it('accepts the same registration twice, refuses a different one under the same name', () => {
    const same = decider('a');
    const projection = { name: 'p', tables: ['t'], createTables: jest.fn(), apply: jest.fn() };
    const catalog = new AuditCatalog();
    catalog.register({
      streams: [{ kind: 'k', streamPrefix: 'k-', decider: same }],
      projections: [projection],
    });
    catalog.register({
      streams: [{ kind: 'k', streamPrefix: 'k-', decider: same }],
      projections: [projection],
    });
    expect(catalog.describe()).toEqual({
      streams: [{ kind: 'k', streamPrefix: 'k-' }],
      projections: ['p'],
    });
    expect(() =>
      catalog.register({ streams: [{ kind: 'k', streamPrefix: 'k-', decider: decider('x') }] }),
    ).toThrow(/twice/);
    expect(() => catalog.register({ projections: [{ ...projection }] })).toThrow(/twice/);
  });
});
