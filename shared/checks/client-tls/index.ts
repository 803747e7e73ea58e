import { defineCheck } from '../define-check';
import { clientTls } from './catalog';
import { clientTlsDiagnosis } from './diagnosis';

export default defineCheck(clientTls, clientTlsDiagnosis);
