import { defineCheck } from '../define-check';
import { clientRdpLog } from './catalog';
import { clientRdpLogDiagnosis } from './diagnosis';

export default defineCheck(clientRdpLog, clientRdpLogDiagnosis);
