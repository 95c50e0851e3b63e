/**
 * Scenes (cnf_pay_scene): where a company sells (web, app, h5, jsapi, qr, or a code of its own)
 * and which pay config each method uses there; `POST /v1/payments` may then name the scene
 * instead of a payId (lib/payments/pay-config.ts payIdOfScene).
 */
import { channelMethods } from '../channels/registry.ts';
import { InvalidRequest, NotFound } from '../domain/errors.ts';
import { SCENE_CODE_PATTERN, type Scene } from '../domain/tenancy.ts';
import type { ConfigStore } from '../store/config-store.ts';
import type { CompanyStore, SceneStore } from '../store/tenancy-store.ts';
import { getCompany } from './companies.ts';

export type { Scene } from '../domain/tenancy.ts';

export interface SceneDeps {
  scenes: SceneStore;
  companies: CompanyStore;
  configs: ConfigStore;
  now: () => Date;
}

const DESCRIPTION_MAX = 256;

function checkCode(code: unknown): string {
  if (typeof code !== 'string' || !SCENE_CODE_PATTERN.test(code)) {
    throw new InvalidRequest('parameter_invalid', 'code must be web, app, h5, jsapi, qr or a lowercase token (a-z, 0-9, _ and -, at most 32)', 'code');
  }
  return code;
}

/** Creates or replaces the scene; every payId must be an ACTIVE config of the company for the method's channel. */
export async function putScene(
  deps: SceneDeps,
  companyId: string,
  input: { code: string; description?: string; methods: Record<string, string> },
): Promise<Scene> {
  const code = checkCode(input.code);
  if (input.description !== undefined && (typeof input.description !== 'string' || input.description.length > DESCRIPTION_MAX)) {
    throw new InvalidRequest('parameter_invalid', `description must be a string of at most ${DESCRIPTION_MAX} characters`, 'description');
  }
  const entries = input.methods && typeof input.methods === 'object' ? Object.entries(input.methods) : [];
  if (entries.length === 0) throw new InvalidRequest('parameter_invalid', 'methods must map at least one method to a payId', 'methods');
  await getCompany(deps, companyId);
  for (const [method, payId] of entries) {
    const param = `methods.${method}`;
    if (!channelMethods.includes(method)) throw new InvalidRequest('parameter_invalid', `${method} is not a payment method`, param);
    const channel = method.split('.')[0];
    const config = typeof payId === 'string' && payId ? await deps.configs.getPayConfig(payId) : undefined;
    // Another company's config is reported exactly like a missing one.
    if (!config || config.companyId !== companyId || config.status !== 'ACTIVE') {
      throw new InvalidRequest('pay_config_not_found', `No active pay config ${String(payId)}`, param);
    }
    if (config.channel !== channel) {
      throw new InvalidRequest('pay_config_mismatch', `Pay config ${payId} is for ${config.channel}, not ${channel}`, param);
    }
  }
  const scene: Scene = {
    companyId,
    code,
    ...(input.description !== undefined ? { description: input.description } : {}),
    methods: Object.fromEntries(entries),
    updatedAt: deps.now().toISOString(),
  };
  await deps.scenes.putScene(scene);
  return scene;
}

export async function listScenes(deps: Pick<SceneDeps, 'scenes' | 'companies'>, companyId: string): Promise<Scene[]> {
  await getCompany(deps, companyId);
  return deps.scenes.listScenes(companyId);
}

export async function deleteScene(deps: Pick<SceneDeps, 'scenes' | 'companies'>, companyId: string, code: string): Promise<void> {
  checkCode(code);
  await getCompany(deps, companyId);
  if (!(await deps.scenes.deleteScene(companyId, code))) throw new NotFound('scene', 'code');
}
