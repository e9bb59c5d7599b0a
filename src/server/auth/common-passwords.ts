/**
 * Passwords (lower-cased) that appear at the top of every published leak list, plus
 * Chinese keyboard and pinyin favourites. A password is refused if, lower-cased and
 * with trailing digits and symbols removed, it is one of these, or if it is one of
 * these exactly.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  `
123456 123456789 12345678 1234567890 12345 1234567 password password1 password123 passw0rd
p@ssw0rd p@ssword qwerty qwerty123 qwertyuiop asdfghjkl zxcvbnm 1q2w3e4r 1q2w3e4r5t 1qaz2wsx
1qaz2wsx3edc qazwsx qazwsxedc abc123 abcd1234 abc12345 a123456 a1234567 a12345678 aa123456
111111 1111111111 000000 0000000000 666666 888888 88888888 987654321 9876543210 123123 123123123
iloveyou admin admin123 admin@123 administrator root root123 toor welcome welcome1 welcome123
letmein monkey dragon master master123 sunshine princess football baseball shadow superman
michael jennifer trustno1 starwars whatever freedom hello hello123 login changeme changeme123
secret secret123 test test123 test1234 testtest guest guest123 user user123 default system
woaini woaini1314 woaini520 5201314 1314520 520520 caonima nihao nihao123 zhang123 wang123
li123456 liu123456 chen123456 huang123 zhongguo china china123 beijing shanghai guangdong
huizhou huizhou123 kaoping kaoping123 kaoping2025 kaoping2026 caizheng caizheng123 zhengfu
zhengfu123 mima mima123 mima123456 qq123456 qwe123 qwe123456 qweasd qweasdzxc asd123 asd123456
zxc123 zxc123456 abcdefg abcdefgh aaaaaa aaaaaaaa a1b2c3 a1b2c3d4 password@123 admin@2025
admin@2026 welcome@123 qwer1234 asdf1234 zxcv1234 1234qwer 1234asdf
`
    .trim()
    .split(/\s+/),
);
