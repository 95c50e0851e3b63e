/** The internal channel's methods, known without loading it (the create schema lists them). */
export const BALANCE_METHODS = ['balance.transfer'] as const;
