import { defineCheck } from '../define-check';
import { serverConnectionPressure } from './catalog';
import { serverConnectionPressureDiagnosis } from './diagnosis';

export default defineCheck(serverConnectionPressure, serverConnectionPressureDiagnosis);
