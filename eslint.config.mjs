import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        __dirname: 'readonly',
        module: 'writable',
        require: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // The domain is pure: no framework, no I/O, no crypto, no wall clock.
    files: ['libs/**/domain/**/*.ts', 'libs/sla/**/*.ts', 'libs/decider/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@nestjs/*',
                'bullmq',
                'ioredis',
                'pg',
                '@electric-sql/*',
                '@kurrent/*',
                'node:crypto',
                'crypto',
              ],
              message: 'The domain stays pure: no framework, I/O or crypto.',
            },
            {
              group: ['@sportello/eventstore/adapters/*'],
              message: 'The domain never sees a storage adapter.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Time arrives as data; never read the wall clock in the domain.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Time arrives as data; never read the wall clock in the domain.',
        },
      ],
    },
  },
  {
    files: ['**/*.js', 'bench/**/*.ts', 'apps/cli/**/*.ts', 'scripts/**/*'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
);
