"""IRCC pages the built-in checks cite (see RULES.md for the research behind each)."""

COMPLETENESS_CHECK = ("https://www.canada.ca/en/immigration-refugees-citizenship/corporate/publications-manuals/"
                      "operational-bulletins-manuals/permanent-residence/express-entry/"
                      "applications-received-on-after-january-1-2016-completeness-check.html")
UPLOAD_DOCUMENTS = ("https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/"
                    "express-entry/apply-permanent-residence/scan-upload-documents.html")
A11_2 = ("https://www.canada.ca/en/immigration-refugees-citizenship/corporate/publications-manuals/"
         "operational-bulletins-manuals/permanent-residence/express-entry/assessing-electronic-application-on-section-a11-2.html")
EXPRESS_ENTRY_DOCUMENTS = ("https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/"
                           "express-entry/documents.html")
ECA_SUBMIT_REPORT = ("https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/"
                     "express-entry/documents/education-assessed/submit-report.html")
MI_AMENDING_EXPRESS_ENTRY_2017 = ("https://www.canada.ca/en/immigration-refugees-citizenship/corporate/mandate/"
                                  "policies-operational-instructions-agreements/ministerial-instructions/"
                                  "express-entry-application-management-system/amending-express-entry-system-2017.html")
LANGUAGE_TESTING = ("https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/"
                    "express-entry/documents/language-requirements/language-testing.html")
LANGUAGE_REQUIREMENTS = ("https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/"
                         "express-entry/documents/language-requirements.html")
POLICE_CERTIFICATES = ("https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/"
                       "express-entry/apply-permanent-residence/police-certificates.html")
POLICE_CERTIFICATE_UNITED_STATES = ("https://www.canada.ca/en/immigration-refugees-citizenship/services/"
                                    "application/medical-police/police-certificates/how/united-states.html")
PROOF_OF_FUNDS = ("https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/"
                  "express-entry/documents/proof-funds.html")
# Immigration and Refugee Protection Regulations: s. 2 defines "dependent child"; s. 117(9)(d)
# excludes from the family class a family member who was not declared and examined.
IRPR_DEFINITIONS = "https://laws-lois.justice.gc.ca/eng/regulations/SOR-2002-227/section-2.html"
IRPR_EXCLUDED_RELATIONSHIPS = "https://laws-lois.justice.gc.ca/eng/regulations/SOR-2002-227/section-117.html"
