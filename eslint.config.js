// Lint: TypeScript's recommended rules everywhere, plus Lit and web-component rules for the elements. Generated
// files (the manifest, the React/Vue types from scripts/integrations.mjs) are not linted: their generators own them.
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';

export default tseslint.config(
  { ignores: ['**/dist/', '**/node_modules/', 'test/toolchain/.work/', 'custom-elements.json', 'types/custom-elements-jsx.d.ts', 'types/vue.d.ts', 'bench/results/'] },
  ...tseslint.configs.recommended,
  { files: ['src/**/*.ts'], ...lit.configs['flat/recommended'] },
  { files: ['src/**/*.ts'], ...wc.configs['flat/recommended'] },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
);
