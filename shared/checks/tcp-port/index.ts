import { defineCheck } from '../define-check';
import { tcpPort } from './catalog';
import { tcpPortDiagnosis } from './diagnosis';

export default defineCheck(tcpPort, tcpPortDiagnosis);
