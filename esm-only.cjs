// `require('metered-elements')` lands here (package.json "exports", condition "require"): the package is ES modules
// only, and without this file Node would answer with a bare ERR_PACKAGE_PATH_NOT_EXPORTED.
'use strict';
const error = new Error(
  'metered-elements is an ES module package and cannot be loaded with require(). ' +
    "Use `import 'metered-elements/define'` (defines the elements) or `import { … } from 'metered-elements'` " +
    "in an ES module or through your bundler, or `await import('metered-elements')` from CommonJS.",
);
error.code = 'ERR_METERED_ELEMENTS_ESM_ONLY';
throw error;
