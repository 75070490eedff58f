/// WaterBilling: the domain of wbill — exact numbers, storage, tariffs, meters, customers and accounts.
public enum WaterBilling {}
