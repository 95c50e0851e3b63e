/** Ports for the company tree, scenes and the admin side of API keys (lib/admin/*). */
import type { Company, Scene } from '../domain/tenancy.ts';
import type { ApiKeyRecord, ApiKeyStore } from './config-store.ts';

export interface CompanyStore {
  /** Throws Conflict when the id exists. */
  insertCompany(company: Company, notifySecret: string): Promise<void>;
  getCompany(companyId: string): Promise<Company | undefined>;
  listChildren(companyId: string): Promise<Company[]>;
  /** false when there is no such company. */
  setNotifySecret(companyId: string, notifySecret: string): Promise<boolean>;
}

/** What a create reads: one scene of one company. */
export interface SceneReader {
  getScene(companyId: string, code: string): Promise<Scene | undefined>;
}

export interface SceneStore extends SceneReader {
  putScene(scene: Scene): Promise<void>;
  listScenes(companyId: string): Promise<Scene[]>;
  /** false when there was no such scene. */
  deleteScene(companyId: string, code: string): Promise<boolean>;
}

export interface ApiKeyAdminStore extends ApiKeyStore {
  /** Throws Conflict when the hash exists. */
  insertKey(record: ApiKeyRecord): Promise<void>;
  /** A company's keys, hashes included (for updates; never shown). */
  listKeys(companyId: string): Promise<ApiKeyRecord[]>;
  /** Marks the key DISABLED. */
  disableKey(keyHash: string): Promise<void>;
  /** Sets expiresAt on an ACTIVE key that has none yet; false when it is disabled or already expiring. */
  expireKey(keyHash: string, expiresAt: string): Promise<boolean>;
}
