import { defineCheck } from '../define-check';
import { clientConnectionData } from './catalog';
import { clientConnectionDataDiagnosis } from './diagnosis';

export default defineCheck(clientConnectionData, clientConnectionDataDiagnosis);
