// Names for the demo authority's children and staff: common given and family names of the communities
// an English council serves, grouped loosely by heritage so that a child's name and recorded ethnicity
// look plausible together. Every combination is made up; any likeness to a real person is chance.

export interface NameGroup {
  male: readonly string[];
  female: readonly string[];
  family: readonly string[];
}

const BRITISH: NameGroup = {
  male: [
    'Oliver', 'George', 'Harry', 'Jack', 'Jacob', 'Noah', 'Charlie', 'Thomas', 'Oscar', 'William', 'James', 'Leo',
    'Alfie', 'Joshua', 'Freddie', 'Archie', 'Ethan', 'Isaac', 'Alexander', 'Joseph', 'Edward', 'Samuel', 'Max',
    'Daniel', 'Arthur', 'Lucas', 'Mason', 'Logan', 'Tyler', 'Riley', 'Kai', 'Liam', 'Callum', 'Connor', 'Kieran',
    'Jayden', 'Lewis', 'Ryan', 'Dylan', 'Reece', 'Bradley', 'Jordan', 'Luke', 'Ben', 'Theo', 'Finley', 'Harvey',
    'Tommy', 'Frankie', 'Ronnie', 'Albie', 'Reggie', 'Teddy', 'Louie', 'Stanley', 'Jenson', 'Rory', 'Mark', 'Craig',
  ],
  female: [
    'Olivia', 'Amelia', 'Isla', 'Ava', 'Emily', 'Sophia', 'Grace', 'Mia', 'Poppy', 'Ella', 'Lily', 'Evie',
    'Isabella', 'Sophie', 'Ivy', 'Freya', 'Harper', 'Willow', 'Charlotte', 'Jessica', 'Daisy', 'Chloe', 'Ruby',
    'Millie', 'Lacey', 'Megan', 'Holly', 'Paige', 'Courtney', 'Shannon', 'Jade', 'Chelsea', 'Kayleigh', 'Leah',
    'Bethany', 'Amber', 'Summer', 'Scarlett', 'Phoebe', 'Maisie', 'Rosie', 'Florence', 'Matilda', 'Elsie', 'Esme',
    'Hannah', 'Lucy', 'Katie', 'Abigail', 'Eleanor', 'Georgia', 'Alice', 'Lola', 'Darcie', 'Mollie', 'Tilly',
  ],
  family: [
    'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson', 'Roberts',
    'Robinson', 'Thompson', 'Wright', 'Walker', 'White', 'Edwards', 'Hughes', 'Green', 'Hall', 'Lewis', 'Harris',
    'Clarke', 'Patel', 'Jackson', 'Wood', 'Turner', 'Martin', 'Cooper', 'Hill', 'Ward', 'Morris', 'Moore', 'Clark',
    'Lee', 'King', 'Baker', 'Harrison', 'Morgan', 'Allen', 'James', 'Scott', 'Phillips', 'Watson', 'Davis',
    'Parker', 'Price', 'Bennett', 'Young', 'Griffiths', 'Mitchell', 'Kelly', 'Cook', 'Carter', 'Richardson',
    'Bailey', 'Collins', 'Bell', 'Shaw', 'Murphy', 'Miller', 'Cox', 'Richards', 'Khan', 'Marshall', 'Anderson',
    'Simpson', 'Ellis', 'Adams', 'Singh', 'Begum', 'Wilkinson', 'Foster', 'Chapman', 'Powell', 'Webb', 'Rogers',
    'Gray', 'Mason', 'Ali', 'Hunt', 'Hussain', 'Campbell', 'Matthews', 'Owen', 'Palmer', 'Holmes', 'Mills',
    'Barnes', 'Knight', 'Lloyd', 'Butler', 'Russell', 'Barker', 'Fisher', 'Stevens', 'Jenkins', 'Dixon', 'Fletcher',
    'Pearson', 'Hodgson', 'Kershaw', 'Atkinson', 'Slater', 'Crossley', 'Sutcliffe', 'Bradshaw', 'Naylor',
  ],
};

const IRISH_TRAVELLER: NameGroup = {
  male: ['Patrick', 'Michael', 'John', 'Martin', 'Francis', 'Christy', 'Johnny', 'Paddy', 'Jimmy', 'Sean', 'Tom', 'Bartley'],
  female: ['Bridget', 'Mary', 'Margaret', 'Kathleen', 'Nora', 'Shauna', 'Siobhan', 'Roisin', 'Aoife', 'Caitlin', 'Ellen', 'Winnie'],
  family: ['McDonagh', 'Ward', 'Connors', 'Doherty', 'Maughan', 'Joyce', 'O’Brien', 'Murphy', 'Quinn', 'Sweeney', 'Lee', 'Price', 'Boswell', 'Smith'],
};

const EAST_EUROPEAN: NameGroup = {
  male: ['Jakub', 'Kacper', 'Szymon', 'Filip', 'Mateusz', 'Andrei', 'Alexandru', 'Ionut', 'Luca', 'Daniel', 'Erion', 'Arber', 'Klevis', 'Dritan', 'Tomas', 'Lukas', 'Marek', 'Dominik'],
  female: ['Zuzanna', 'Julia', 'Maja', 'Zofia', 'Hanna', 'Natalia', 'Ioana', 'Maria', 'Andreea', 'Elena', 'Ana', 'Klea', 'Ardita', 'Sara', 'Ieva', 'Lucie', 'Viktoria', 'Alina'],
  family: ['Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kamiński', 'Lewandowski', 'Popescu', 'Ionescu', 'Stan', 'Dumitru', 'Hoxha', 'Krasniqi', 'Gashi', 'Berisha', 'Kazlauskas', 'Petrauskas', 'Horvath', 'Novak', 'Balogh', 'Dvořák'],
};

const SOUTH_ASIAN: NameGroup = {
  male: ['Mohammed', 'Muhammad', 'Ibrahim', 'Yusuf', 'Zayan', 'Ayaan', 'Hamza', 'Arjun', 'Aarav', 'Rohan', 'Vihaan', 'Ishaan', 'Rayan', 'Imran', 'Bilal', 'Zain', 'Arman', 'Harjit', 'Gurpreet', 'Sahil'],
  female: ['Aisha', 'Maryam', 'Zara', 'Hafsa', 'Inaya', 'Anaya', 'Aleena', 'Priya', 'Diya', 'Saanvi', 'Amaira', 'Fatima', 'Noor', 'Simran', 'Jasleen', 'Sana', 'Ayesha', 'Mahnoor', 'Tahmina', 'Rukhsana'],
  family: ['Khan', 'Ahmed', 'Hussain', 'Ali', 'Begum', 'Akhtar', 'Iqbal', 'Rahman', 'Islam', 'Miah', 'Uddin', 'Chowdhury', 'Patel', 'Shah', 'Sharma', 'Kaur', 'Singh', 'Gill', 'Sandhu', 'Mistry', 'Parmar', 'Malik', 'Butt', 'Mahmood'],
};

const AFRICAN: NameGroup = {
  male: ['David', 'Samuel', 'Emmanuel', 'Daniel', 'Joshua', 'Kwame', 'Kofi', 'Chukwuemeka', 'Oluwaseun', 'Tobi', 'Abdi', 'Mohamed', 'Yonas', 'Dawit', 'Tariq', 'Elijah', 'Ayo', 'Femi', 'Jamal', 'Idris'],
  female: ['Grace', 'Blessing', 'Favour', 'Precious', 'Esther', 'Adaeze', 'Chiamaka', 'Ama', 'Abena', 'Ayan', 'Hodan', 'Fatuma', 'Selam', 'Hiwot', 'Deborah', 'Ruth', 'Temi', 'Zainab', 'Amina', 'Nia'],
  family: ['Okafor', 'Adeyemi', 'Mensah', 'Boateng', 'Asante', 'Okoro', 'Balogun', 'Adebayo', 'Owusu', 'Nwosu', 'Hassan', 'Abdullahi', 'Warsame', 'Tesfaye', 'Haile', 'Mohamed', 'Osei', 'Eze', 'Kamara', 'Sesay', 'Conteh', 'Diallo'],
};

const CARIBBEAN: NameGroup = {
  male: ['Tyrese', 'Jermaine', 'Marcus', 'Andre', 'Kyle', 'Dwayne', 'Malachi', 'Josiah', 'Isaiah', 'Jaden', 'Kemar', 'Rashad', 'Nathaniel', 'Reuben', 'Theo', 'Zion'],
  female: ['Kiara', 'Shanice', 'Tanisha', 'Jada', 'Imani', 'Aaliyah', 'Naomi', 'Keisha', 'Simone', 'Chantelle', 'Jasmine', 'Tia', 'Amani', 'Nevaeh', 'Serena', 'Rochelle'],
  family: ['Campbell', 'Francis', 'Thomas', 'Brown', 'Williams', 'Johnson', 'Reid', 'Grant', 'Gordon', 'Morgan', 'Henry', 'Clarke', 'Bailey', 'Samuels', 'Lewis', 'Stewart', 'Richards', 'Forbes', 'McKenzie', 'Daley'],
};

const MIDDLE_EASTERN: NameGroup = {
  male: ['Ahmad', 'Ali', 'Hassan', 'Hussein', 'Omar', 'Karwan', 'Rebin', 'Aram', 'Dilan', 'Reza', 'Amir', 'Mehdi', 'Mustafa', 'Yousef', 'Khalid', 'Sami', 'Ahmed', 'Rawand', 'Hiwa', 'Bakhtiar'],
  female: ['Fatemeh', 'Zahra', 'Maryam', 'Sara', 'Nasrin', 'Shilan', 'Avin', 'Rozhin', 'Layla', 'Noor', 'Rana', 'Huda', 'Dina', 'Yasmin', 'Hana', 'Parisa'],
  family: ['Ahmadi', 'Hosseini', 'Mohammadi', 'Rezaei', 'Karimi', 'Rahimi', 'Abdullah', 'Mahmoud', 'Saleh', 'Hamad', 'Aziz', 'Othman', 'Kareem', 'Mustafa', 'Rasul', 'Qadir', 'Faraj', 'Jaf'],
};

const AFGHAN: NameGroup = {
  male: ['Ahmad', 'Mohammad', 'Ali', 'Sayed', 'Abdul', 'Mustafa', 'Hamid', 'Jawad', 'Farid', 'Naveed', 'Zabihullah', 'Rahmatullah', 'Wahid', 'Bilal', 'Sohail', 'Ismail', 'Habib', 'Nasir'],
  female: ['Mariam', 'Fatima', 'Zahra', 'Parwana', 'Roya', 'Nargis', 'Freshta', 'Shabnam', 'Laila', 'Sodaba'],
  family: ['Ahmadzai', 'Stanikzai', 'Popal', 'Noori', 'Rahimi', 'Sultani', 'Hotak', 'Safi', 'Amiri', 'Karimi', 'Habibi', 'Azizi', 'Hashimi', 'Sadat', 'Mohammadi', 'Nazari'],
};

const EAST_ASIAN: NameGroup = {
  male: ['Minh', 'Duc', 'Tuan', 'Hoang', 'Quang', 'Thanh', 'Long', 'Van', 'Wei', 'Jun', 'Hao', 'Ming', 'Kenji', 'Jin'],
  female: ['Linh', 'Mai', 'Lan', 'Trang', 'Huong', 'Ngoc', 'Thao', 'Mei', 'Xin', 'Yan', 'Li', 'Hana'],
  family: ['Nguyen', 'Tran', 'Le', 'Pham', 'Hoang', 'Vu', 'Dang', 'Bui', 'Do', 'Wang', 'Li', 'Zhang', 'Chen', 'Liu', 'Wong', 'Cheung'],
};

const HORN_OF_AFRICA: NameGroup = {
  male: ['Yonas', 'Dawit', 'Filmon', 'Merhawi', 'Tesfay', 'Mohamed', 'Abdelrahman', 'Omer', 'Osman', 'Musa', 'Adam', 'Ibrahim', 'Yassin', 'Abdalla', 'Hamid', 'Bereket', 'Samiel', 'Abel'],
  female: ['Selam', 'Helen', 'Senait', 'Winta', 'Saba', 'Hiwet', 'Amna', 'Mariam', 'Aziza', 'Rahel'],
  family: ['Tesfamariam', 'Gebremedhin', 'Haile', 'Tekle', 'Berhane', 'Ghebreyesus', 'Abdelrahman', 'Osman', 'Ahmed', 'Adam', 'Ismail', 'Yousif', 'Elnour', 'Omer', 'Mohamed', 'Idris'],
};

/** The name group for a child's recorded ethnicity (and UASC status, where the likely homelands differ). */
export function nameGroupFor(ethnicity: string, uasc: boolean): NameGroup {
  switch (ethnicity) {
    case 'WIRI':
    case 'WIRT':
    case 'WROM':
      return IRISH_TRAVELLER;
    case 'WOTH':
      return EAST_EUROPEAN;
    case 'AIND':
    case 'APKN':
    case 'ABAN':
      return SOUTH_ASIAN;
    case 'AOTH':
      return uasc ? AFGHAN : SOUTH_ASIAN;
    case 'BAFR':
      return uasc ? HORN_OF_AFRICA : AFRICAN;
    case 'BOTH':
      return uasc ? HORN_OF_AFRICA : CARIBBEAN;
    case 'BCRB':
    case 'MWBC':
      return CARIBBEAN;
    case 'MWBA':
      return AFRICAN;
    case 'CHNE':
      return EAST_ASIAN;
    case 'OOTH':
    case 'MOTH':
      return uasc ? MIDDLE_EASTERN : BRITISH;
    default:
      return BRITISH;
  }
}

/** Vietnamese young people arrive as UASC too; they are recorded under AOTH like Afghan young people. */
export const UASC_EAST_ASIAN = EAST_ASIAN;

/** Names for staff, drawn from every group with the weight of a typical English council workforce. */
export const STAFF_NAME_GROUPS: readonly (readonly [NameGroup, number])[] = [
  [BRITISH, 70],
  [SOUTH_ASIAN, 9],
  [AFRICAN, 7],
  [CARIBBEAN, 6],
  [IRISH_TRAVELLER, 3],
  [EAST_EUROPEAN, 3],
  [EAST_ASIAN, 1],
  [MIDDLE_EASTERN, 1],
];
