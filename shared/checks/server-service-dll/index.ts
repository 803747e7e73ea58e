import { defineCheck } from '../define-check';
import { serverServiceDll } from './catalog';
import { serverServiceDllDiagnosis } from './diagnosis';

export default defineCheck(serverServiceDll, serverServiceDllDiagnosis);
