import WBillCLI
