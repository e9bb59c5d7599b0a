import { registerMessages } from "../../i18n/i18n";
import { auditMessages } from "./audit-messages";
import { frameworksMessages } from "./frameworks-messages";
import { organizationMessages } from "./organization-messages";
import { usersMessages } from "./users-messages";
import { yearsMessages } from "./years-messages";

/** The administration pages' words, one key per page under the "admin" namespace. */
registerMessages("admin", {
  zh: {
    users: usersMessages.zh,
    organization: organizationMessages.zh,
    frameworks: frameworksMessages.zh,
    years: yearsMessages.zh,
    audit: auditMessages.zh,
  },
  en: {
    users: usersMessages.en,
    organization: organizationMessages.en,
    frameworks: frameworksMessages.en,
    years: yearsMessages.en,
    audit: auditMessages.en,
  },
});
