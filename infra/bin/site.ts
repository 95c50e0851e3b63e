import { buildSiteApp } from '../stacks/site-app.ts';

// `-c account=<id> -c region=<region>` pin the stack; CloudFront is global, the bucket regional.
buildSiteApp().app.synth();
