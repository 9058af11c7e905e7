/**
 * Two tiny "services" for {@code ServiceArchitectureTest}: {@code clean} keeps the package shape, {@code broken}
 * breaks each rule once on purpose. Not Spring components of any test application (outside every scanned package).
 */
package com.waqup.archfixture;
