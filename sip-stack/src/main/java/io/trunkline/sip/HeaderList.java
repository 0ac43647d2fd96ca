package io.trunkline.sip;

import java.util.Arrays;

/**
 * The ordered header lines of a message: parallel name/value arrays, values stored raw (a line may
 * hold a comma list). Names are canonical constants for known headers.
 */
final class HeaderList {
  String[] names;
  String[] values;
  int size;

  HeaderList(int capacity) {
    names = new String[capacity];
    values = new String[capacity];
  }

  int indexOf(String name, int from) {
    for (int i = from; i < size; i++) {
      if (HeaderNames.same(names[i], name)) {
        return i;
      }
    }
    return -1;
  }

  private int lastIndexOf(String name) {
    for (int i = size - 1; i >= 0; i--) {
      if (HeaderNames.same(names[i], name)) {
        return i;
      }
    }
    return -1;
  }

  String first(String name) {
    int i = indexOf(name, 0);
    return i < 0 ? null : values[i];
  }

  void append(String name, String value) {
    insert(size, name, value);
  }

  /** After the last line of that name, else at the end. */
  void add(String name, String value) {
    int last = lastIndexOf(name);
    insert(last < 0 ? size : last + 1, name, value);
  }

  /** Before the first line of that name, else at the top. */
  void addFirst(String name, String value) {
    int first = indexOf(name, 0);
    insert(first < 0 ? 0 : first, name, value);
  }

  void set(String name, String value) {
    int first = indexOf(name, 0);
    if (first < 0) {
      append(name, value);
      return;
    }
    values[first] = value;
    int i;
    while ((i = indexOf(name, first + 1)) >= 0) {
      removeAt(i);
    }
  }

  void remove(String name) {
    int i;
    while ((i = indexOf(name, 0)) >= 0) {
      removeAt(i);
    }
  }

  /** Removes the first value: the first element of a comma list, or the whole first line. */
  void removeFirstValue(String name) {
    int i = indexOf(name, 0);
    if (i < 0) {
      return;
    }
    if (HeaderNames.isList(names[i])) {
      int comma = SipText.topLevelComma(values[i], 0);
      if (comma >= 0) {
        values[i] = SipText.trim(values[i], comma + 1, values[i].length());
        if (!values[i].isEmpty()) {
          return;
        }
      }
    }
    removeAt(i);
  }

  private void insert(int at, String name, String value) {
    if (size == names.length) {
      names = Arrays.copyOf(names, size * 2 + 4);
      values = Arrays.copyOf(values, size * 2 + 4);
    }
    System.arraycopy(names, at, names, at + 1, size - at);
    System.arraycopy(values, at, values, at + 1, size - at);
    names[at] = name;
    values[at] = value;
    size++;
  }

  private void removeAt(int i) {
    System.arraycopy(names, i + 1, names, i, size - i - 1);
    System.arraycopy(values, i + 1, values, i, size - i - 1);
    size--;
    names[size] = null;
    values[size] = null;
  }
}
