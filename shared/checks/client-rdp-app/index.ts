import { defineCheck } from '../define-check';
import { clientRdpApp } from './catalog';
import { clientRdpAppDiagnosis } from './diagnosis';

export default defineCheck(clientRdpApp, clientRdpAppDiagnosis);
