import { join } from 'node:path';

/** Real public feeds copied from shared/fixtures (see test/fixtures/README.md for sources and licences). */
export const FIXTURES = join(process.cwd(), 'test', 'fixtures');
export const mgFixture = (name: string) => join(FIXTURES, 'meeting-guide', `${name}.json`);
export const BMLT_FIXTURE_DIR = join(FIXTURES, 'bmlt');
