import { defineCheck } from '../define-check';
import { serverUpdates } from './catalog';
import { serverUpdatesDiagnosis } from './diagnosis';

export default defineCheck(serverUpdates, serverUpdatesDiagnosis);
