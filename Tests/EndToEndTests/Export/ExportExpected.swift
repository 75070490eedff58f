/// What `wbill export TABLE --format csv|json` writes for the `ExportFixture` utility, exactly.
enum ExportExpected {
    /// The csv lines of each table (each ends in CRLF).
    static let csv: [String: [String]] = [
        "meters": [
            "serial,type,caliber,maker,model,location,state,group_name,account,initial,created",
            "WM-000001,DN20 mechanical,20,Ningbo Water Meter,LXS-20E,\"Building 3, unit 1\",installed,Route 1,AC00000002,0.000,2026-11-23T09:30:00.000Z",
            "WM-000002,DN20 mechanical,20,Ningbo Water Meter,LXS-20E,\"Building 3, unit 2\",in-stock,Route 1,,0.000,2026-11-23T09:30:00.000Z",
            "WM-000003,DN20 mechanical,15,Ningbo Water Meter,LXS-15E,\"Building 3, unit 3\",in-stock,Route 1,,1.250,2026-11-23T09:30:00.000Z",
            "WM-000004,DN20 mechanical,20,Ningbo Water Meter,LXS-20E,\"Building 4, unit 1\",in-stock,Route 2,,0.000,2026-11-23T09:30:00.000Z",
            "WM-000005,DN20 mechanical,20,Ningbo Water Meter,LXS-20E,\"Building 4, unit 2\",in-stock,Route 2,,0.000,2026-11-23T09:30:00.000Z",
            "IC-000001,IC card DN15,15,Shenzhen Huaxu,CPU-15,\"Building 5, unit 1\",in-stock,Route 2,,0.000,2026-11-23T09:30:00.000Z",
            "IC-000002,IC card DN15,15,Shenzhen Huaxu,CPU-15,\"Building 5, unit 2\",in-stock,Route 2,,0.000,2026-11-23T09:30:00.000Z",
            "IC-000003,IC card DN15,15,Shenzhen Huaxu,CPU-15,\"Building 5, unit 3\",in-stock,Route 2,,0.000,2026-11-23T09:30:00.000Z",
            "WM-000006,DN20 mechanical,20,,,,installed,,AC00000001,2.500,2026-11-23T09:30:00.000Z",
            "WM-000007,DN20 mechanical,20,,,,in-stock,,,0.000,2026-11-23T09:30:00.000Z",
        ],
        "customers": [
            "id,name,id_number,tax_number,phone,email,address,contact,persons,created",
            "1,王芳,110101199003071234,,13800138000,,\"Building 3, unit 1\",,3,2026-11-23T09:30:00.000Z",
            "2,Li Lei,110101199003071234,,13800138000,,\"Building 3, unit 1\",,3,2026-11-23T09:30:00.000Z",
        ],
        "accounts": [
            "account,customer,name,type,nature,mode,status,currency,balance,opened,closed",
            "AC00000001,1,王芳,Prepaid homes,residential,system-prepaid,open,CNY,9.84,2026-11-23T09:30:00.000Z,",
            "AC00000002,2,Li Lei,Residential,residential,postpaid,open,CNY,-61.72,2026-11-23T09:30:00.000Z,",
        ],
        "readings": [
            "id,meter,account,at,value,source,operator,recorded,voided,reason",
            "2,WM-000001,AC00000002,2026-11-30T10:00:00.000Z,9.000,manual,clerk,2026-12-05T08:00:00.000Z,,",
            "1,WM-000006,AC00000001,2026-11-25T10:00:00.000Z,3.500,manual,clerk,2026-11-26T08:00:00.000Z,,",
        ],
        "bills": [
            "number,account,name,period,from_date,to_date,tariff,volume,total,paid,status,issued,due,cancelled",
            "B00000001,AC00000002,Li Lei,2026-11,2026-11-01,2026-11-30,residential-annual,9.000,61.72,0.00,open,2026-12-05,2026-12-20,",
        ],
        "transactions": [
            "id,account,customer,name,kind,amount,channel,reference,reason,reverses,at,operator",
            "1,AC00000001,1,王芳,recharge,20.00,cash,R-1,,,2026-11-26T08:00:00.000Z,clerk",
            "2,AC00000001,1,王芳,deduction,-4.16,,consumption 1,\"reading 1, 2026-11-23..2026-11-24, 1.000 priced by prepaid-balance: water tier 1 1.000 × 2.59 = 2.59; resource 1.000 × 1.57 = 1.57\",,2026-11-26T08:00:00.000Z,clerk",
            "3,AC00000001,1,王芳,refund,-6.00,wechat,,,,2026-11-26T08:00:00.000Z,clerk",
            "4,AC00000002,2,Li Lei,bill-charge,-61.72,,bill B00000001,bill B00000001 for 2026-11,,2026-12-05T08:00:00.000Z,clerk",
        ],
        "alarms": [
            "id,kind,account,meter,value,threshold,unit,cause,state,raised,raised_by,ack_at,ack_by,closed,closed_by",
            "1,low-balance,AC00000001,,9.84,10.00,CNY,refund receipt 3,open,2026-11-26T08:00:00.000Z,clerk,,,,",
        ],
    ]

    /// The json document of each table.
    static let json: [String: String] = [
        "meters": """
            {
              "report": "meters",
              "title": "Meters",
              "parameters": {},
              "generated_at": "2026-11-23T09:30:00.000Z",
              "generated_by": "clerk",
              "notes": [
                "initial is the register's reading when the meter was added, in the utility's volume unit"
              ],
              "rows": [
                {
                  "serial": "WM-000001",
                  "type": "DN20 mechanical",
                  "caliber": 20,
                  "maker": "Ningbo Water Meter",
                  "model": "LXS-20E",
                  "location": "Building 3, unit 1",
                  "state": "installed",
                  "group_name": "Route 1",
                  "account": "AC00000002",
                  "initial": "0.000",
                  "created": "2026-11-23T09:30:00.000Z"
                },
                {
                  "serial": "WM-000002",
                  "type": "DN20 mechanical",
                  "caliber": 20,
                  "maker": "Ningbo Water Meter",
                  "model": "LXS-20E",
                  "location": "Building 3, unit 2",
                  "state": "in-stock",
                  "group_name": "Route 1",
                  "account": null,
                  "initial": "0.000",
                  "created": "2026-11-23T09:30:00.000Z"
                },
                {
                  "serial": "WM-000003",
                  "type": "DN20 mechanical",
                  "caliber": 15,
                  "maker": "Ningbo Water Meter",
                  "model": "LXS-15E",
                  "location": "Building 3, unit 3",
                  "state": "in-stock",
                  "group_name": "Route 1",
                  "account": null,
                  "initial": "1.250",
                  "created": "2026-11-23T09:30:00.000Z"
                },
                {
                  "serial": "WM-000004",
                  "type": "DN20 mechanical",
                  "caliber": 20,
                  "maker": "Ningbo Water Meter",
                  "model": "LXS-20E",
                  "location": "Building 4, unit 1",
                  "state": "in-stock",
                  "group_name": "Route 2",
                  "account": null,
                  "initial": "0.000",
                  "created": "2026-11-23T09:30:00.000Z"
                },
                {
                  "serial": "WM-000005",
                  "type": "DN20 mechanical",
                  "caliber": 20,
                  "maker": "Ningbo Water Meter",
                  "model": "LXS-20E",
                  "location": "Building 4, unit 2",
                  "state": "in-stock",
                  "group_name": "Route 2",
                  "account": null,
                  "initial": "0.000",
                  "created": "2026-11-23T09:30:00.000Z"
                },
                {
                  "serial": "IC-000001",
                  "type": "IC card DN15",
                  "caliber": 15,
                  "maker": "Shenzhen Huaxu",
                  "model": "CPU-15",
                  "location": "Building 5, unit 1",
                  "state": "in-stock",
                  "group_name": "Route 2",
                  "account": null,
                  "initial": "0.000",
                  "created": "2026-11-23T09:30:00.000Z"
                },
                {
                  "serial": "IC-000002",
                  "type": "IC card DN15",
                  "caliber": 15,
                  "maker": "Shenzhen Huaxu",
                  "model": "CPU-15",
                  "location": "Building 5, unit 2",
                  "state": "in-stock",
                  "group_name": "Route 2",
                  "account": null,
                  "initial": "0.000",
                  "created": "2026-11-23T09:30:00.000Z"
                },
                {
                  "serial": "IC-000003",
                  "type": "IC card DN15",
                  "caliber": 15,
                  "maker": "Shenzhen Huaxu",
                  "model": "CPU-15",
                  "location": "Building 5, unit 3",
                  "state": "in-stock",
                  "group_name": "Route 2",
                  "account": null,
                  "initial": "0.000",
                  "created": "2026-11-23T09:30:00.000Z"
                },
                {
                  "serial": "WM-000006",
                  "type": "DN20 mechanical",
                  "caliber": 20,
                  "maker": null,
                  "model": null,
                  "location": null,
                  "state": "installed",
                  "group_name": null,
                  "account": "AC00000001",
                  "initial": "2.500",
                  "created": "2026-11-23T09:30:00.000Z"
                },
                {
                  "serial": "WM-000007",
                  "type": "DN20 mechanical",
                  "caliber": 20,
                  "maker": null,
                  "model": null,
                  "location": null,
                  "state": "in-stock",
                  "group_name": null,
                  "account": null,
                  "initial": "0.000",
                  "created": "2026-11-23T09:30:00.000Z"
                }
              ]
            }

            """,
        "customers": """
            {
              "report": "customers",
              "title": "Customers",
              "parameters": {},
              "generated_at": "2026-11-23T09:30:00.000Z",
              "generated_by": "clerk",
              "notes": [],
              "rows": [
                {
                  "id": 1,
                  "name": "王芳",
                  "id_number": "110101199003071234",
                  "tax_number": null,
                  "phone": "13800138000",
                  "email": null,
                  "address": "Building 3, unit 1",
                  "contact": null,
                  "persons": 3,
                  "created": "2026-11-23T09:30:00.000Z"
                },
                {
                  "id": 2,
                  "name": "Li Lei",
                  "id_number": "110101199003071234",
                  "tax_number": null,
                  "phone": "13800138000",
                  "email": null,
                  "address": "Building 3, unit 1",
                  "contact": null,
                  "persons": 3,
                  "created": "2026-11-23T09:30:00.000Z"
                }
              ]
            }

            """,
        "accounts": """
            {
              "report": "accounts",
              "title": "Accounts",
              "parameters": {},
              "generated_at": "2026-11-23T09:30:00.000Z",
              "generated_by": "clerk",
              "notes": [
                "balance is the sum of the account's ledger entries in CNY: negative when the account owes money"
              ],
              "rows": [
                {
                  "account": "AC00000001",
                  "customer": 1,
                  "name": "王芳",
                  "type": "Prepaid homes",
                  "nature": "residential",
                  "mode": "system-prepaid",
                  "status": "open",
                  "currency": "CNY",
                  "balance": "9.84",
                  "opened": "2026-11-23T09:30:00.000Z",
                  "closed": null
                },
                {
                  "account": "AC00000002",
                  "customer": 2,
                  "name": "Li Lei",
                  "type": "Residential",
                  "nature": "residential",
                  "mode": "postpaid",
                  "status": "open",
                  "currency": "CNY",
                  "balance": "-61.72",
                  "opened": "2026-11-23T09:30:00.000Z",
                  "closed": null
                }
              ]
            }

            """,
        "readings": """
            {
              "report": "readings",
              "title": "Meter readings",
              "parameters": {},
              "generated_at": "2026-11-23T09:30:00.000Z",
              "generated_by": "clerk",
              "notes": [
                "value is the register's reading in the utility's volume unit; a voided reading counts for nothing"
              ],
              "rows": [
                {
                  "id": 2,
                  "meter": "WM-000001",
                  "account": "AC00000002",
                  "at": "2026-11-30T10:00:00.000Z",
                  "value": "9.000",
                  "source": "manual",
                  "operator": "clerk",
                  "recorded": "2026-12-05T08:00:00.000Z",
                  "voided": null,
                  "reason": null
                },
                {
                  "id": 1,
                  "meter": "WM-000006",
                  "account": "AC00000001",
                  "at": "2026-11-25T10:00:00.000Z",
                  "value": "3.500",
                  "source": "manual",
                  "operator": "clerk",
                  "recorded": "2026-11-26T08:00:00.000Z",
                  "voided": null,
                  "reason": null
                }
              ]
            }

            """,
        "bills": """
            {
              "report": "bills",
              "title": "Bills",
              "parameters": {},
              "generated_at": "2026-11-23T09:30:00.000Z",
              "generated_by": "clerk",
              "notes": [
                "total and paid are in CNY; volume in the utility's volume unit"
              ],
              "rows": [
                {
                  "number": "B00000001",
                  "account": "AC00000002",
                  "name": "Li Lei",
                  "period": "2026-11",
                  "from_date": "2026-11-01",
                  "to_date": "2026-11-30",
                  "tariff": "residential-annual",
                  "volume": "9.000",
                  "total": "61.72",
                  "paid": "0.00",
                  "status": "open",
                  "issued": "2026-12-05",
                  "due": "2026-12-20",
                  "cancelled": null
                }
              ]
            }

            """,
        "transactions": """
            {
              "report": "transactions",
              "title": "Ledger entries",
              "parameters": {},
              "generated_at": "2026-11-23T09:30:00.000Z",
              "generated_by": "clerk",
              "notes": [
                "amount is in CNY: positive in the customer's favour, negative owed or paid out"
              ],
              "rows": [
                {
                  "id": 1,
                  "account": "AC00000001",
                  "customer": 1,
                  "name": "王芳",
                  "kind": "recharge",
                  "amount": "20.00",
                  "channel": "cash",
                  "reference": "R-1",
                  "reason": null,
                  "reverses": null,
                  "at": "2026-11-26T08:00:00.000Z",
                  "operator": "clerk"
                },
                {
                  "id": 2,
                  "account": "AC00000001",
                  "customer": 1,
                  "name": "王芳",
                  "kind": "deduction",
                  "amount": "-4.16",
                  "channel": null,
                  "reference": "consumption 1",
                  "reason": "reading 1, 2026-11-23..2026-11-24, 1.000 priced by prepaid-balance: water tier 1 1.000 × 2.59 = 2.59; resource 1.000 × 1.57 = 1.57",
                  "reverses": null,
                  "at": "2026-11-26T08:00:00.000Z",
                  "operator": "clerk"
                },
                {
                  "id": 3,
                  "account": "AC00000001",
                  "customer": 1,
                  "name": "王芳",
                  "kind": "refund",
                  "amount": "-6.00",
                  "channel": "wechat",
                  "reference": null,
                  "reason": null,
                  "reverses": null,
                  "at": "2026-11-26T08:00:00.000Z",
                  "operator": "clerk"
                },
                {
                  "id": 4,
                  "account": "AC00000002",
                  "customer": 2,
                  "name": "Li Lei",
                  "kind": "bill-charge",
                  "amount": "-61.72",
                  "channel": null,
                  "reference": "bill B00000001",
                  "reason": "bill B00000001 for 2026-11",
                  "reverses": null,
                  "at": "2026-12-05T08:00:00.000Z",
                  "operator": "clerk"
                }
              ]
            }

            """,
        "alarms": """
            {
              "report": "alarms",
              "title": "Alarms",
              "parameters": {},
              "generated_at": "2026-11-23T09:30:00.000Z",
              "generated_by": "clerk",
              "notes": [
                "value and threshold are in unit: CNY for money, else days or percent"
              ],
              "rows": [
                {
                  "id": 1,
                  "kind": "low-balance",
                  "account": "AC00000001",
                  "meter": null,
                  "value": "9.84",
                  "threshold": "10.00",
                  "unit": "CNY",
                  "cause": "refund receipt 3",
                  "state": "open",
                  "raised": "2026-11-26T08:00:00.000Z",
                  "raised_by": "clerk",
                  "ack_at": null,
                  "ack_by": null,
                  "closed": null,
                  "closed_by": null
                }
              ]
            }

            """,
    ]
}
