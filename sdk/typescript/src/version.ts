/** The SDK's version, as package.json says (a unit test keeps them equal); sent in User-Agent and Payee-Client. */
export const VERSION = '0.1.0';
