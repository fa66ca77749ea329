// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', 'dist/', 'sdk/dist/', 'openapi/generated/', 'sdk/src/generated/', 'eslint.config.js', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name=/^(it|describe|test)$/][callee.property.name=/^(only|skip)$/]",
          message: 'Focused or skipped tests must not be committed.',
        },
        {
          selector: 'Literal[value=/arn:aws:/]',
          message: 'Do not write a literal arn:aws: build ARNs with the partition (Stack.formatArn / Aws.PARTITION).',
        },
      ],
    },
  },
  {
    // The CLI's bin shim is plain JavaScript (Node runs it before tsx is registered): lint it without types.
    files: ['cli/bin.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Tests read JSON answers whose shape the contract check (test/support/contract.ts) has
    // already validated against the spec, so `any` bodies are fine there.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
);
