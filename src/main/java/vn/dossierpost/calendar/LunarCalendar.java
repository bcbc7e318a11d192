package vn.dossierpost.calendar;

import java.time.LocalDate;

/**
 * The Vietnamese lunar calendar, computed astronomically for a given time zone (Hồ Ngọc Đức's
 * algorithm: mean new moons corrected by the main periodic terms, the sun's apparent longitude,
 * month 11 holding the winter solstice, a leap month being the first without a major solar term).
 * Vietnam's calendar is this at UTC+7; China's is the same at UTC+8, which is why the two differ in
 * some years (Tết 2030: 2/2 in Vietnam, 3/2 in China) and why ICU4J's {@code ChineseCalendar}
 * cannot serve for Vietnam. Accurate for 1900–2100, far more than the calendar's years need.
 */
final class LunarCalendar {

  /** Vietnam's time zone, in hours east of UTC. */
  static final double VIETNAM = 7.0;

  /** A lunar date: day, month (1–12), year (the solar year its first month begins in), leap. */
  record LunarDate(int day, int month, int year, boolean leap) {
  }

  private final double zone;

  LunarCalendar(double zone) {
    this.zone = zone;
  }

  static LunarCalendar vietnam() {
    return new LunarCalendar(VIETNAM);
  }

  /** The solar date of a lunar date (a leap month only if that month is the year's leap month). */
  LocalDate toSolar(int day, int month, int year, boolean leap) {
    long a11;
    long b11;
    if (month < 11) {
      a11 = month11(year - 1);
      b11 = month11(year);
    } else {
      a11 = month11(year);
      b11 = month11(year + 1);
    }
    long k = (long) Math.floor(0.5 + (a11 - 2415021.076998695) / 29.530588853);
    int off = month - 11;
    if (off < 0) {
      off += 12;
    }
    if (b11 - a11 > 365) {
      int leapOff = leapMonthOffset(a11);
      int leapMonth = leapOff - 2;
      if (leapMonth < 0) {
        leapMonth += 12;
      }
      if (leap && month != leapMonth) {
        throw new IllegalArgumentException("month " + month + " of " + year + " is not a leap month");
      }
      if (leap || off >= leapOff) {
        off += 1;
      }
    } else if (leap) {
      throw new IllegalArgumentException("lunar year " + year + " has no leap month");
    }
    return fromJdn(newMoonDay(k + off) + day - 1);
  }

  /** The lunar date of a solar date. */
  LunarDate toLunar(LocalDate date) {
    long dayNumber = jdn(date);
    long k = (long) Math.floor((dayNumber - 2415021.076998695) / 29.530588853);
    long monthStart = newMoonDay(k + 1);
    if (monthStart > dayNumber) {
      monthStart = newMoonDay(k);
    }
    int yy = date.getYear();
    long a11 = month11(yy);
    long b11 = a11;
    int lunarYear;
    if (a11 >= monthStart) {
      lunarYear = yy;
      a11 = month11(yy - 1);
    } else {
      lunarYear = yy + 1;
      b11 = month11(yy + 1);
    }
    int day = (int) (dayNumber - monthStart + 1);
    int diff = (int) Math.floor((monthStart - a11) / 29.0);
    boolean leap = false;
    int month = diff + 11;
    if (b11 - a11 > 365) {
      int leapDiff = leapMonthOffset(a11);
      if (diff >= leapDiff) {
        month = diff + 10;
        leap = diff == leapDiff;
      }
    }
    if (month > 12) {
      month -= 12;
    }
    if (month >= 11 && diff < 4) {
      lunarYear -= 1;
    }
    return new LunarDate(day, month, lunarYear, leap);
  }

  /** The first day of the lunar year {@code year} (mùng 1 Tết). */
  LocalDate newYear(int year) {
    return toSolar(1, 1, year, false);
  }

  // Julian day numbers: 1970-01-01 is JDN 2440588.
  static long jdn(LocalDate date) {
    return date.toEpochDay() + 2440588L;
  }

  static LocalDate fromJdn(long jdn) {
    return LocalDate.ofEpochDay(jdn - 2440588L);
  }

  /** The day (JDN, local to the zone) of the k-th new moon after 1/1/1900. */
  long newMoonDay(long k) {
    return (long) Math.floor(newMoon(k) + 0.5 + zone / 24.0);
  }

  /** The sun's longitude at local midnight starting day {@code jdn}, as one of 12 sectors (0–11). */
  int sunLongitudeSector(long jdn) {
    return (int) Math.floor(sunLongitude(jdn - 0.5 - zone / 24.0) / Math.PI * 6);
  }

  /** The day month 11 (the month of the winter solstice) of {@code year} begins. */
  private long month11(int year) {
    long off = jdn(LocalDate.of(year, 12, 31)) - 2415021;
    long k = (long) Math.floor(off / 29.530588853);
    long nm = newMoonDay(k);
    if (sunLongitudeSector(nm) >= 9) {
      nm = newMoonDay(k - 1);
    }
    return nm;
  }

  /** Which month after month 11 (starting at {@code a11}) is the leap month of a 13-month year. */
  private int leapMonthOffset(long a11) {
    long k = (long) Math.floor((a11 - 2415021.076998695) / 29.530588853 + 0.5);
    int i = 1;
    int arc = sunLongitudeSector(newMoonDay(k + i));
    int last;
    do {
      last = arc;
      i++;
      arc = sunLongitudeSector(newMoonDay(k + i));
    } while (arc != last && i < 14);
    return i - 1;
  }

  /** The Julian day (UTC) of the k-th new moon after the one of 1/1/1900 (Meeus, abridged). */
  private static double newMoon(long k) {
    double t = k / 1236.85;
    double t2 = t * t;
    double t3 = t2 * t;
    double dr = Math.PI / 180;
    double jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
    jd1 += 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * dr);
    double m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
    double mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
    double f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
    double c1 = (0.1734 - 0.000393 * t) * Math.sin(m * dr) + 0.0021 * Math.sin(2 * dr * m);
    c1 = c1 - 0.4068 * Math.sin(mpr * dr) + 0.0161 * Math.sin(dr * 2 * mpr);
    c1 = c1 - 0.0004 * Math.sin(dr * 3 * mpr);
    c1 = c1 + 0.0104 * Math.sin(dr * 2 * f) - 0.0051 * Math.sin(dr * (m + mpr));
    c1 = c1 - 0.0074 * Math.sin(dr * (m - mpr)) + 0.0004 * Math.sin(dr * (2 * f + m));
    c1 = c1 - 0.0004 * Math.sin(dr * (2 * f - m)) - 0.0006 * Math.sin(dr * (2 * f + mpr));
    c1 = c1 + 0.0010 * Math.sin(dr * (2 * f - mpr)) + 0.0005 * Math.sin(dr * (2 * mpr + m));
    double deltaT = t < -11
        ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
        : -0.000278 + 0.000265 * t + 0.000262 * t2;
    return jd1 + c1 - deltaT;
  }

  /** The sun's apparent longitude (radians, 0–2π) at Julian day {@code jd} (UTC). */
  private static double sunLongitude(double jd) {
    double t = (jd - 2451545.0) / 36525;
    double t2 = t * t;
    double dr = Math.PI / 180;
    double m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
    double l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
    double dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * Math.sin(dr * m);
    dl = dl + (0.019993 - 0.000101 * t) * Math.sin(dr * 2 * m) + 0.000290 * Math.sin(dr * 3 * m);
    double l = (l0 + dl) * dr;
    return l - Math.PI * 2 * Math.floor(l / (Math.PI * 2));
  }
}
