# two packages with one name (and no provider to tell them apart) manage the same package: Ruby refuses the second
package { 'editor': name => 'vim' }
package { 'vim': }
