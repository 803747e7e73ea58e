import { defineCheck } from '../define-check';
import { clientSavedCredentials } from './catalog';
import { clientSavedCredentialsDiagnosis } from './diagnosis';

export default defineCheck(clientSavedCredentials, clientSavedCredentialsDiagnosis);
