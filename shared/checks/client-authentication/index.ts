import { defineCheck } from '../define-check';
import { clientAuthentication } from './catalog';
import { clientAuthenticationDiagnosis } from './diagnosis';

export default defineCheck(clientAuthentication, clientAuthenticationDiagnosis);
