import { defineCheck } from '../define-check';
import { serverSecuritySettings } from './catalog';
import { serverSecuritySettingsDiagnosis } from './diagnosis';

export default defineCheck(serverSecuritySettings, serverSecuritySettingsDiagnosis);
