// The field table as GET /api/options sends it (kept equal to the server's by PageFieldsFixtureTest): the page
// reads it once at start, so the tests load it before any recipe is normalised.

import { readFileSync } from 'node:fs';
import { useFields } from '../../main/resources/web/recipe.js';

useFields(JSON.parse(readFileSync(new URL('./fields.json', import.meta.url), 'utf8')));
