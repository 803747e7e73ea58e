import { defineCheck } from '../define-check';
import { serverServices } from './catalog';
import { serverServicesDiagnosis } from './diagnosis';

export default defineCheck(serverServices, serverServicesDiagnosis);
