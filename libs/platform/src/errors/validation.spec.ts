import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsString, ValidateNested } from 'class-validator';
import { ProblemException } from './problem';
import { createValidationPipe } from './validation';

class Customer {
  @IsEmail()
  email!: string;
}

class FileSomething {
  @IsString()
  description!: string;

  @IsInt()
  amountCents!: number;

  @ValidateNested()
  @Type(() => Customer)
  customer!: Customer;
}

describe('the global validation pipe', () => {
  const pipe = createValidationPipe();
  const run = (value: unknown) =>
    pipe.transform(value, { type: 'body', metatype: FileSomething }).then(
      () => null,
      (error: unknown) => (error as ProblemException).problem,
    );

  it('lists every wrong and unknown field with its reason and none of the values', async () => {
    const problem = await run({
      description: 42,
      amountCents: 'ten euro',
      customer: { email: 'mario.rossi-at-example', phone: '+39 333 1234567' },
      colour: 'red',
    });
    expect(problem).toMatchObject({ status: 400, slug: 'validation-failed' });
    const errors = problem!.extensions!.errors as { field: string; reason: string }[];
    expect(errors.map((e) => e.field).sort()).toEqual(
      ['amountCents', 'colour', 'customer.email', 'customer.phone', 'description'].sort(),
    );
    const text = JSON.stringify(problem);
    for (const value of ['ten euro', 'mario.rossi-at-example', '+39 333 1234567', 'red'])
      expect(text).not.toContain(value);
  });

  it('refuses a body that is not an object', async () => {
    expect(await run(['a', 'b'])).toMatchObject({ status: 400, slug: 'validation-failed' });
    expect(await run(undefined)).toMatchObject({ status: 400, slug: 'validation-failed' });
  });

  it('refuses text holding a lone surrogate, naming the field, before any validator sees it', async () => {
    const problem = await run({
      description: 'ok',
      amountCents: 1,
      customer: { email: 'a\ud800@b.it' },
    });
    expect(problem).toMatchObject({ status: 400, slug: 'validation-failed' });
    expect(problem!.extensions!.errors).toEqual([
      { field: 'customer.email', reason: 'must be valid Unicode text without NUL characters' },
    ]);
  });

  it('refuses a NUL character, which PostgreSQL text cannot hold', async () => {
    const problem = await run({
      description: 'a\u0000b',
      amountCents: 1,
      customer: { email: 'a@b.it' },
    });
    expect(problem!.extensions!.errors).toEqual([
      { field: 'description', reason: 'must be valid Unicode text without NUL characters' },
    ]);
  });

  it('lets a valid body through as an instance of its class', async () => {
    const value = await pipe.transform(
      { description: 'x', amountCents: 10, customer: { email: 'a@b.it' } },
      { type: 'body', metatype: FileSomething },
    );
    expect(value).toBeInstanceOf(FileSomething);
  });
});
