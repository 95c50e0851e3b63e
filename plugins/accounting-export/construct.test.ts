import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { accountingExportPlugin } from './construct.ts';

describe('accounting export construct', () => {
  it("outputs its bucket as AccountingExportBucketName wherever it is built (the local target and operators look it up by that name)", () => {
    // No bundling: the template is what is checked.
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'S');
    // Inside a construct, as the stack's Plugins builds it: CDK would prefix and hash the output's id.
    accountingExportPlugin(new Construct(stack, 'Plugins'), { settings: {}, topic: new Topic(stack, 'Events'), tenant: 't' });
    const template = Template.fromStack(stack);
    const bucket = Object.keys(template.findResources('AWS::S3::Bucket'))[0];
    expect(template.findOutputs('*')).toEqual({ AccountingExportBucketName: expect.objectContaining({ Value: { Ref: bucket } }) });
  });
});
