import { defineCheck } from '../define-check';
import { serverKeyPermissions } from './catalog';
import { serverKeyPermissionsDiagnosis } from './diagnosis';

export default defineCheck(serverKeyPermissions, serverKeyPermissionsDiagnosis);
