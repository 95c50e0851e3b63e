/** The company tree (seed table cnf_pay_company) and scenes (cnf_pay_scene). */

/** A merchant company. Companies never move in the tree, so `path` is fixed at create. */
export interface Company {
  companyId: string;
  name: string;
  parentId?: string;
  /** Its ancestors and itself, root first: who may see its payments, in one read. */
  path: string[];
  createdAt: string;
}

/** A company's tree is at most this deep (root = 1): every payment carries the path. */
export const MAX_COMPANY_DEPTH = 8;

/**
 * Where a company sells (web site, mobile app, H5, JSAPI, QR, or a code of its own) and which pay
 * config each method uses there, so a create may name the scene instead of a payId.
 */
export interface Scene {
  companyId: string;
  code: string;
  description?: string;
  /** method (`<channel>.<mode>`) → payId */
  methods: Record<string, string>;
  updatedAt: string;
}

export const SCENE_CODES = ['web', 'app', 'h5', 'jsapi', 'qr'] as const;
/** The usual codes, or a lowercase token of the merchant's own. */
export const SCENE_CODE_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;
