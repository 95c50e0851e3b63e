/**
 * Names of every secret field of every pay config template, for the logger's redaction (which
 * must not load the channels' schemas into every function). The templates' test holds this list
 * equal to the union of their secret fields.
 */
export const SECRET_FIELD_NAMES: readonly string[] = ['privateKey', 'apiV3Key', 'signPrivateKey', 'clientSecret', 'appAuthToken'];
