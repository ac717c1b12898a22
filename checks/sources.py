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
