// The staff API under /api/v1: one resource per routes file, each at its own prefix, and staff
// authentication applied once, after the two login routes (Hono runs handlers and middleware in the order
// they were added, so the login routes answer before authentication is asked for).

import { Hono } from 'hono';
import type { Deps } from '../../services/deps.js';
import type { StatusListPublisher } from '../../services/status/status-list.js';
import { type AuthEnv, requireStaff, type StaffLimits } from '../middleware/auth.js';
import { personalDataGate } from '../middleware/personal-data.js';
import { applicantRoutes } from './applicants.js';
import { applicationRoutes } from './applications.js';
import { auditRoutes } from './audit.js';
import { documentTypeRoutes } from './document-types.js';
import { documentRoutes } from './documents.js';
import { integratorKeyRoutes } from './integrator-keys.js';
import { keyRoutes } from './keys.js';
import { loginRoutes } from './login.js';
import { officeRoutes } from './offices.js';
import { reportRoutes } from './reports.js';
import { revocationRoutes } from './revocations.js';
import { sessionRoutes } from './session.js';
import { staffRequestRoutes, staffRoutes } from './staff.js';

export function apiRoutes(deps: Deps, statusList: StatusListPublisher, limits?: StaffLimits): Hono<AuthEnv> {
  const api = new Hono<AuthEnv>();
  api.route('/', loginRoutes(deps));
  api.use('*', requireStaff(deps, limits));
  api.use('*', personalDataGate(deps));
  api.route('/session', sessionRoutes(deps));
  api.route('/offices', officeRoutes(deps));
  api.route('/staff', staffRoutes(deps));
  api.route('/staff-requests', staffRequestRoutes(deps));
  api.route('/reports', reportRoutes(deps));
  api.route('/audit', auditRoutes(deps));
  api.route('/keys', keyRoutes(deps));
  api.route('/integrator-keys', integratorKeyRoutes(deps));
  api.route('/document-types', documentTypeRoutes(deps));
  api.route('/applicants', applicantRoutes(deps, limits));
  api.route('/applications', applicationRoutes(deps, statusList));
  api.route('/documents', documentRoutes(deps, statusList, limits));
  api.route('/revocations', revocationRoutes(deps, statusList));
  return api;
}
