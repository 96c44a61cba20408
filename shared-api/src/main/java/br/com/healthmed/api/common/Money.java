package br.com.healthmed.api.common;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** An amount in Brazilian reais with exactly two decimals; consultation prices are positive and bounded. */
public record Money(BigDecimal amount, String currency) {

    public static final String BRL = "BRL";
    private static final BigDecimal MAX_PRICE = new BigDecimal("100000.00");
    /**
     * Whole digits beyond which an amount is refused before any arithmetic: {@code 1E+400000000} is a valid JSON number
     * that BigDecimal holds in a few bytes, but {@code setScale(2)} would expand it to 400 million digits.
     */
    static final int MAX_WHOLE_DIGITS = 15;

    public Money {
        if (amount == null) {
            throw new InvalidValueException("price-required", "consultationPrice", "price is required");
        }
        if (currency != null && !BRL.equals(currency)) {
            throw new InvalidValueException("currency-unsupported", "currency", "only BRL is accepted");
        }
        currency = BRL;
        if (amount.signum() != 0 && amount.precision() - amount.scale() > MAX_WHOLE_DIGITS) {
            throw new InvalidValueException("price-out-of-range", "consultationPrice",
                    "price must have at most " + MAX_WHOLE_DIGITS + " digits before the decimal point");
        }
        if (amount.scale() > 2 && amount.stripTrailingZeros().scale() > 2) {
            throw new InvalidValueException("price-invalid", "consultationPrice", "price has at most two decimals");
        }
        amount = amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    public static Money brl(String amount) {
        return new Money(new BigDecimal(amount), BRL);
    }

    public static Money brl(BigDecimal amount) {
        return new Money(amount, BRL);
    }

    /** A consultation price: more than zero and at most R$ 100.000,00. */
    public static Money consultationPrice(BigDecimal amount) {
        Money price = brl(amount);
        if (price.amount.signum() <= 0 || price.amount.compareTo(MAX_PRICE) > 0) {
            throw new InvalidValueException("price-out-of-range", "consultationPrice",
                    "price must be more than 0 and at most 100000.00");
        }
        return price;
    }
}
