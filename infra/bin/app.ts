import { buildTenantsApp, UsageError } from '../stacks/app.ts';

try {
  buildTenantsApp().app.synth();
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(error.message);
  // Exit now: the App would otherwise synthesize an empty assembly when the process winds down.
  process.exit(2);
}
